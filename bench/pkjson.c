/* pkjson.c: the second limit: a bare libfcgi program that runs one
 * prepared primary-key SELECT with plain libpq and answers cJSON.  Not
 * part of Bursar; the benchmark's baseline for one database round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <fcgiapp.h>
#include <libpq-fe.h>

static PGconn *
connect_db(void)
{
	const char *ci = getenv("BENCH_CONNINFO");
	PGconn *c = PQconnectdb(ci ? ci : "");
	if (PQstatus(c) != CONNECTION_OK)
		return c;
	PGresult *r = PQprepare(c, "pk", "SELECT id, name, price::text, "
	    "created_at::text FROM bench_items WHERE id = $1", 1, NULL);
	PQclear(r);
	return c;
}

int
main(void)
{
	FCGX_Request rq;
	FCGX_Init();
	FCGX_InitRequest(&rq, 0, 0);
	PGconn *db = connect_db();
	while (FCGX_Accept_r(&rq) >= 0) {
		const char *q = FCGX_GetParam("QUERY_STRING", rq.envp);
		const char *id = q && strncmp(q, "id=", 3) == 0 ? q + 3 : "1";
		const char *params[1] = { id };
		PGresult *r = PQexecPrepared(db, "pk", 1, params, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_TUPLES_OK &&
		    PQstatus(db) != CONNECTION_OK) {
			PQclear(r);
			PQfinish(db);
			db = connect_db();
			r = PQexecPrepared(db, "pk", 1, params, NULL, NULL, 0);
		}
		cJSON *o = cJSON_CreateObject();
		int found = PQresultStatus(r) == PGRES_TUPLES_OK &&
		    PQntuples(r) == 1;
		if (found) {
			cJSON_AddStringToObject(o, "id", PQgetvalue(r, 0, 0));
			cJSON_AddStringToObject(o, "name", PQgetvalue(r, 0, 1));
			cJSON_AddStringToObject(o, "price", PQgetvalue(r, 0, 2));
			cJSON_AddStringToObject(o, "created_at",
			    PQgetvalue(r, 0, 3));
		}
		PQclear(r);
		char *body = cJSON_PrintUnformatted(o);
		char head[160];
		int n = snprintf(head, sizeof(head), "Status: %s\r\n"
		    "Content-Type: application/json\r\nContent-Length: %d\r\n"
		    "\r\n", found ? "200 OK" : "404 Not Found",
		    (int)strlen(body));
		FCGX_PutStr(head, n, rq.out);
		FCGX_PutStr(body, (int)strlen(body), rq.out);
		cJSON_free(body);
		cJSON_Delete(o);
		FCGX_Finish_r(&rq);
	}
	PQfinish(db);
	return 0;
}
