/* journal.js: the manual journal entry form.  Shows debits less credits
 * as amounts are typed, and enables Save only when the entry balances and
 * moves something; "Add a line" copies the last row.  Amounts are read as
 * exact integers of minor units (BigInt), never as floating point.  The
 * server checks everything again: this only saves a round trip. */
(function () {
	'use strict';
	var form = document.getElementById('entry-form');
	if (!form || typeof BigInt !== 'function')
		return;
	var save = document.getElementById('save');
	var out = document.getElementById('difference');
	var currency = document.getElementById('currency');
	var lines = document.getElementById('lines');

	function digits() {
		var o = currency.options[currency.selectedIndex];
		var d = o ? parseInt(o.getAttribute('data-digits'), 10) : 2;
		return isNaN(d) ? 2 : d;
	}

	/* parse: minor units of text, 0 when empty, null when malformed */
	function parse(text, d) {
		text = text.trim();
		if (text === '')
			return BigInt(0);
		var m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text);
		if (!m || (m[2] || '').length > d)
			return null;
		var frac = m[2] || '';
		while (frac.length < d)
			frac += '0';
		return BigInt(m[1] + frac);
	}

	function format(n, d) {
		var neg = n < BigInt(0), s = (neg ? -n : n).toString();
		while (s.length <= d)
			s = '0' + s;
		if (d > 0)
			s = s.slice(0, s.length - d) + '.' + s.slice(s.length - d);
		return (neg ? '-' : '') + s;
	}

	function sum(name, d) {
		var total = BigInt(0), inputs = form.querySelectorAll(
		    'input[name=' + name + ']');
		for (var i = 0; i < inputs.length; i++) {
			var v = parse(inputs[i].value, d);
			if (v === null)
				return null;
			total += v;
		}
		return total;
	}

	function update() {
		var d = digits(), dr = sum('line_debit', d),
		    cr = sum('line_credit', d);
		if (dr === null || cr === null) {
			out.textContent = 'an amount is not a number of ' +
			    currency.value;
			save.disabled = true;
			return;
		}
		out.textContent = format(dr - cr, d) + ' ' + currency.value +
		    (dr === cr ? (dr > BigInt(0) ? ' (balanced)' : '') :
		    ' (not balanced)');
		save.disabled = !(dr === cr && dr > BigInt(0));
	}

	document.getElementById('add-line').addEventListener('click',
	    function () {
		var last = lines.rows[lines.rows.length - 1];
		var row = last.cloneNode(true);
		row.className = '';
		var fields = row.querySelectorAll('input, select');
		for (var i = 0; i < fields.length; i++)
			fields[i].value = '';
		var errors = row.querySelectorAll('.error, br');
		for (i = 0; i < errors.length; i++)
			errors[i].parentNode.removeChild(errors[i]);
		lines.appendChild(row);
		update();
	});
	form.addEventListener('input', update);
	form.addEventListener('change', update);
	update();
})();
