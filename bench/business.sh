# business.sh: sourced by the bench scripts (after scripts/env.sh, with
# url set): a bench business of its own, made once through the API and
# signed into on the next run.
admin() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$ADMIN_URL" "$@"; }
token_of() { sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'; }

# bench_business slug email password business person: its id into $tid
# and an access token into $token (either empty when neither worked)
bench_business() {
	tid=$(admin -c "SELECT id FROM tenants WHERE slug = '$1'")
	if [ -z "$tid" ]; then
		token=$(curl -fsS -H 'Content-Type: application/json' -d \
			"{\"business\":\"$4\",\"slug\":\"$1\",\"currency\":\"INR\",\"name\":\"$5\",\"email\":\"$2\",\"password\":\"$3\"}" \
			"$url/api/v1/signup" | token_of)
		tid=$(admin -c "SELECT id FROM tenants WHERE slug = '$1'")
	else
		token=$(curl -fsS -H 'Content-Type: application/json' -d \
			"{\"tenant\":\"$1\",\"email\":\"$2\",\"password\":\"$3\"}" \
			"$url/api/v1/auth/token" | token_of)
	fi
}
