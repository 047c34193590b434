-- pk.lua: wrk asks for a random row of the 100,000 each time
request = function()
	return wrk.format("GET", "/bench/pk?id=" .. math.random(1, 100000))
end
