/* supervise.c: keeps pools of FastCGI workers alive.
 *
 * For each NAME:WORKERS:PROGRAM it binds RUNDIR/NAME.sock, then runs
 * WORKERS copies of PROGRAM with that socket on fd 0 (the FastCGI
 * convention) and stderr appended to LOGDIR/NAME.log.  A worker that dies
 * is started again at once (after a pause when it keeps dying at start).
 * SIGHUP replaces the workers one by one (after a rebuild); SIGTERM stops
 * them all and removes the sockets.  spawn-fcgi does neither restart nor
 * keep stderr, hence this program. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PROGRAMS 32
#define MAX_WORKERS 64

struct slot {
	pid_t pid;
	time_t started;
	int quick_deaths;	/* deaths within 1 s of start, in a row */
	int retiring;		/* SIGHUP asked it to go */
};

struct program {
	char name[64];
	char path[1024];
	char sock[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char log[1024];
	int fd, nworkers;
	struct slot slots[MAX_WORKERS];
};

static struct program progs[MAX_PROGRAMS];
static int nprogs;
static volatile sig_atomic_t got_term, got_hup, got_chld;

static void
on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT)
		got_term = 1;
	else if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGCHLD)
		got_chld = 1;
}

static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	va_list ap;
	char t[32];
	time_t now = time(NULL);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	fprintf(stderr, "%s supervise: ", t);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
usage(void)
{
	fputs("usage: supervise -d RUNDIR -l LOGDIR [-p PIDFILE] [-D] -- "
	    "NAME:WORKERS:/abs/program ...\n", stderr);
	exit(2);
}

static int
parse_spec(const char *spec, const char *rundir, const char *logdir,
    struct program *p)
{
	const char *c1 = strchr(spec, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (c1 == NULL || c2 == NULL || c1 == spec ||
	    (size_t)(c1 - spec) >= sizeof(p->name))
		return -1;
	char name[64];
	memcpy(name, spec, (size_t)(c1 - spec));
	name[c1 - spec] = '\0';
	memcpy(p->name, name, sizeof(name));
	char *end;
	long n = strtol(c1 + 1, &end, 10);
	if (end != c2 || n < 1 || n > MAX_WORKERS || c2[1] != '/')
		return -1;
	p->nworkers = (int)n;
	if (snprintf(p->path, sizeof(p->path), "%s", c2 + 1) >=
	    (int)sizeof(p->path) ||
	    snprintf(p->log, sizeof(p->log), "%s/%s.log", logdir, name) >=
	    (int)sizeof(p->log))
		return -1;
	int len = snprintf(p->sock, sizeof(p->sock), "%s/%s.sock", rundir,
	    name);
	if (len < 0 || (size_t)len >= sizeof(p->sock)) {
		fprintf(stderr, "supervise: socket path %s/%s.sock is longer "
		    "than %zu bytes; use a shorter run directory\n", rundir,
		    name, sizeof(p->sock) - 1);
		exit(1);
	}
	p->fd = -1;
	return 0;
}

/* open_socket: binds the program's socket; refuses one that a live process
 * still serves, and replaces a stale file. */
static int
open_socket(struct program *p, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	memcpy(sa.sun_path, p->sock, strlen(p->sock) + 1);
	int probe = socket(AF_UNIX, SOCK_STREAM, 0);
	if (probe >= 0 && connect(probe, (struct sockaddr *)&sa,
	    sizeof(sa)) == 0) {
		close(probe);
		snprintf(err, errlen, "%s is in use by a running process",
		    p->sock);
		return -1;
	}
	if (probe >= 0)
		close(probe);
	unlink(p->sock);
	p->fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (p->fd < 0 || bind(p->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(p->fd, 1024) < 0 || chmod(p->sock, 0666) < 0) {
		snprintf(err, errlen, "%s: %s", p->sock, strerror(errno));
		return -1;
	}
	fcntl(p->fd, F_SETFD, FD_CLOEXEC);
	return 0;
}

static void
start_worker(struct program *p, int i)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		say("%s worker %d: fork: %s", p->name, i, strerror(errno));
		return;
	}
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		/* a worker never outlives its supervisor: the kernel sends
		 * SIGTERM when the supervisor dies, however it dies (even
		 * SIGKILL), so no orphan keeps the socket; it survives the
		 * exec.  A supervisor that died between fork and prctl sent
		 * nothing: hence the check after it. */
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 ||
		    getppid() != parent)
			_exit(0);
		int log = open(p->log, O_WRONLY | O_APPEND | O_CREAT, 0644);
		int null = open("/dev/null", O_RDWR);
		dup2(p->fd, 0);
		dup2(null, 1);
		dup2(log >= 0 ? log : null, 2);
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
		char idx[16];
		snprintf(idx, sizeof(idx), "%d", i);
		setenv("BURSAR_WORKER", idx, 1);
		char *argv[] = { p->path, NULL };
		execv(p->path, argv);
		fprintf(stderr, "supervise: exec %s: %s\n", p->path,
		    strerror(errno));
		_exit(127);
	}
	p->slots[i].pid = pid;
	p->slots[i].started = time(NULL);
	p->slots[i].retiring = 0;
}

static struct slot *
find_slot(pid_t pid, struct program **pp, int *idx)
{
	for (int k = 0; k < nprogs; k++)
		for (int i = 0; i < progs[k].nworkers; i++)
			if (progs[k].slots[i].pid == pid) {
				*pp = &progs[k];
				*idx = i;
				return &progs[k].slots[i];
			}
	return NULL;
}

static void
reap(int restart)
{
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		struct program *p;
		int i;
		struct slot *s = find_slot(pid, &p, &i);
		if (s == NULL)
			continue;
		s->pid = 0;
		if (!restart)
			continue;
		if (!s->retiring) {
			if (WIFSIGNALED(st))
				say("%s worker %d pid %d died (signal %d); "
				    "restarting", p->name, i, (int)pid,
				    WTERMSIG(st));
			else
				say("%s worker %d pid %d exited (status %d); "
				    "restarting", p->name, i, (int)pid,
				    WEXITSTATUS(st));
			s->quick_deaths = time(NULL) - s->started <= 1 ?
			    s->quick_deaths + 1 : 0;
			/* a program that cannot start must not spin */
			if (s->quick_deaths > 5)
				sleep(1);
		}
		start_worker(p, i);
	}
}

/* retire_all: SIGHUP's rolling restart: one worker at a time, so the
 * program never stops answering. */
static void
retire_all(void)
{
	for (int k = 0; k < nprogs; k++)
		for (int i = 0; i < progs[k].nworkers; i++) {
			struct slot *s = &progs[k].slots[i];
			if (s->pid <= 0)
				continue;
			pid_t old = s->pid;
			s->retiring = 1;
			kill(old, SIGTERM);
			for (int t = 0; t < 300 && s->pid == old; t++) {
				usleep(10000);
				reap(1);
			}
			if (s->pid == old) {
				kill(old, SIGKILL);
				while (s->pid == old) {
					usleep(10000);
					reap(1);
				}
			}
		}
	say("workers restarted");
}

static void
stop_all(const char *pidfile)
{
	for (int k = 0; k < nprogs; k++)
		for (int i = 0; i < progs[k].nworkers; i++)
			if (progs[k].slots[i].pid > 0)
				kill(progs[k].slots[i].pid, SIGTERM);
	for (int t = 0; t < 300; t++) {
		reap(0);
		int alive = 0;
		for (int k = 0; k < nprogs; k++)
			for (int i = 0; i < progs[k].nworkers; i++)
				alive += progs[k].slots[i].pid > 0;
		if (!alive)
			break;
		if (t == 299)
			for (int k = 0; k < nprogs; k++)
				for (int i = 0; i < progs[k].nworkers; i++)
					if (progs[k].slots[i].pid > 0)
						kill(progs[k].slots[i].pid,
						    SIGKILL);
		usleep(10000);
	}
	while (waitpid(-1, NULL, 0) > 0)
		;
	for (int k = 0; k < nprogs; k++) {
		close(progs[k].fd);
		unlink(progs[k].sock);
	}
	if (pidfile)
		unlink(pidfile);
	say("stopped");
}

int
main(int argc, char **argv)
{
	const char *rundir = NULL, *logdir = NULL, *pidfile = NULL;
	int daemonize = 0, opt;
	while ((opt = getopt(argc, argv, "d:l:p:D")) != -1) {
		switch (opt) {
		case 'd': rundir = optarg; break;
		case 'l': logdir = optarg; break;
		case 'p': pidfile = optarg; break;
		case 'D': daemonize = 1; break;
		default: usage();
		}
	}
	if (rundir == NULL || logdir == NULL || optind >= argc ||
	    argc - optind > MAX_PROGRAMS)
		usage();
	for (int i = optind; i < argc; i++)
		if (parse_spec(argv[i], rundir, logdir, &progs[nprogs++]) < 0) {
			fprintf(stderr, "supervise: bad program spec '%s'\n",
			    argv[i]);
			usage();
		}

	/* the parent of -D waits for the child's word that all is set up,
	 * so `supervise -D ... && curl ...` works at once */
	int ready[2] = { -1, -1 };
	if (daemonize) {
		if (pipe(ready) < 0)
			return 1;
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid > 0) {
			close(ready[1]);
			char msg[512];
			ssize_t n = read(ready[0], msg, sizeof(msg) - 1);
			if (n == 1 && msg[0] == 'k')
				return 0;
			msg[n > 0 ? n : 0] = '\0';
			fprintf(stderr, "supervise: %s\n",
			    n > 0 ? msg : "failed to start");
			return 1;
		}
		close(ready[0]);
		setsid();
	}

	char err[512];
	for (int k = 0; k < nprogs; k++)
		if (open_socket(&progs[k], err, sizeof(err)) < 0) {
			if (daemonize) {
				if (write(ready[1], err, strlen(err)) < 0)
					return 1;
			} else
				fprintf(stderr, "supervise: %s\n", err);
			return 1;
		}
	if (daemonize) {
		char log[1100];
		snprintf(log, sizeof(log), "%s/supervise.log", logdir);
		int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		if (fd >= 0)
			dup2(fd, 2);
	}
	if (pidfile) {
		FILE *f = fopen(pidfile, "w");
		if (f) {
			fprintf(f, "%d\n", (int)getpid());
			fclose(f);
		}
	}

	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	for (int k = 0; k < nprogs; k++)
		for (int i = 0; i < progs[k].nworkers; i++)
			start_worker(&progs[k], i);
	say("started %d programs", nprogs);
	if (daemonize) {
		if (write(ready[1], "k", 1) < 0)
			return 1;
		close(ready[1]);
	}

	/* signals are blocked except inside sigsuspend: no race, no spin */
	for (;;) {
		while (!got_term && !got_hup && !got_chld)
			sigsuspend(&old);
		if (got_term)
			break;
		if (got_chld) {
			got_chld = 0;
			reap(1);
		}
		if (got_hup) {
			got_hup = 0;
			retire_all();
		}
	}
	stop_all(pidfile);
	return 0;
}
