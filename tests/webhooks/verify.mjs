// verify.mjs LOG PATH SECRET...: every request the receiver logged under
// PATH (a prefix) checked with the official Standard Webhooks verifier,
// once per secret given; prints "verify: N verified by <k> secret(s), F
// failed" and exits 1 when any request passes with none of them or when
// any secret verifies no request.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const [log, prefix, ...secrets] = process.argv.slice(2);
const entries = readFileSync(log, "utf8").split("\n").filter(Boolean)
	.map((l) => JSON.parse(l)).filter((e) => e.path.startsWith(prefix));
const hooks = secrets.map((s) => new Webhook(s));
const used = hooks.map(() => 0);
let ok = 0, failed = 0;
for (const e of entries) {
	let any = false;
	hooks.forEach((h, i) => {
		try {
			const payload = h.verify(e.body, e.headers);
			if (payload && typeof payload === "object") { any = true; used[i]++; }
		} catch (err) { /* not signed with this one */ }
	});
	if (any) ok++; else { failed++; console.error("not verified:", e.headers["webhook-id"]); }
}
console.log(`verify: ${ok} verified, ${failed} failed, by secret: ${used.join(" ")}`);
process.exit(failed === 0 && ok > 0 && used.every((n) => n > 0) ? 0 : 1);
