/* hello.c: the first limit: nginx plus a bare libfcgi program, nothing
 * else.  Not part of Bursar; the benchmark's baseline. */
#include <fcgiapp.h>

int
main(void)
{
	FCGX_Request rq;
	static const char reply[] = "Status: 200 OK\r\n"
	    "Content-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n";
	FCGX_Init();
	FCGX_InitRequest(&rq, 0, 0);
	while (FCGX_Accept_r(&rq) >= 0) {
		FCGX_PutStr(reply, sizeof(reply) - 1, rq.out);
		FCGX_Finish_r(&rq);
	}
	return 0;
}
