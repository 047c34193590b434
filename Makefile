# Bursar: build, run, test, bench.  `make run` and `make test` are the two
# commands a newcomer needs; everything else is what they are made of.

CC      ?= cc
O       ?= build
CSILVER  = -I/usr/include/ClearSilver
CPPFLAGS = -Ilib $(CSILVER) -I/usr/include/postgresql -I/usr/include/cjson -D_GNU_SOURCE
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -Wshadow -Wpointer-arith \
           -Wmissing-prototypes -Wstrict-prototypes -fstack-protector-strong
LDLIBS   = -lhpdf -largon2 -lcrack -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz -lpq -lcjson -lcurl -lssl -lcrypto -lm
CHECKLIBS = -lcheck_pic -lsubunit -lrt -lm -pthread

ifeq ($(SAN),1)
O       = build-san
CFLAGS  = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRC   := $(wildcard lib/*/*.c)
LIB_HDR   := $(wildcard lib/*/*.h)
LIB_OBJ   := $(LIB_SRC:%.c=$(O)/%.o)
PROGS     := $(patsubst cgi-bin/%.c,$(O)/cgi-bin/%,$(wildcard cgi-bin/*.c))
CRONS     := $(patsubst cron/%.c,$(O)/cron/%,$(wildcard cron/*.c))
TOOLS     := $(O)/scripts/supervise
UNIT      := $(patsubst tests/unit/%.c,$(O)/tests/unit/%,$(wildcard tests/unit/test_*.c))
INTEG     := $(O)/tests/integration/integ
BENCHBIN  := $(patsubst bench/%.c,$(O)/bench/%,$(wildcard bench/*.c))

.PHONY: all deps build run stop migrate test unit integration sanitize fuzz bench clean
all: build
build: $(PROGS) $(CRONS) $(TOOLS) $(UNIT) $(INTEG) $(BENCHBIN)

deps:
	@sh scripts/deps.sh

$(O)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/libbursar.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(O)/cgi-bin/%: cgi-bin/%.c $(O)/libbursar.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libbursar.a $(LDLIBS)

$(O)/cron/%: cron/%.c $(O)/libbursar.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libbursar.a $(LDLIBS)

$(O)/scripts/supervise: scripts/supervise.c
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -D_GNU_SOURCE -o $@ $<

$(O)/tests/unit/%: tests/unit/%.c tests/unit/unit.h $(O)/libbursar.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libbursar.a $(LDLIBS) $(CHECKLIBS)

$(INTEG): $(wildcard tests/integration/*.c) $(wildcard tests/integration/*.h) $(O)/libbursar.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(CPPFLAGS) -Itests/integration $(CFLAGS) $(LDFLAGS) -o $@ $(wildcard tests/integration/*.c) $(O)/libbursar.a $(LDLIBS) $(CHECKLIBS)

# bench programs are the bare baselines: plain libfcgi and libpq, no lib/.
$(O)/bench/%: bench/%.c
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

run: deps build
	@sh scripts/stack.sh start

stop:
	@sh scripts/stack.sh stop

migrate: build
	@sh scripts/stack.sh migrate

# test_route_tables runs every program to read its route table
unit: $(UNIT) $(PROGS)
	@set -e; for t in $(UNIT); do echo "== $$t"; $$t; done

integration: build
	@sh tests/integration/run.sh

sanitize:
	@$(MAKE) --no-print-directory SAN=1 unit
	@$(MAKE) --no-print-directory SAN=1 build
	@BURSAR_BUILD=build-san sh tests/integration/run.sh

test: deps
	@$(MAKE) --no-print-directory build
	@bash tests/run-all.sh

# fuzzers (libFuzzer, clang) over the parsers that take outside input;
# FUZZ_SECONDS each (make test runs them briefly: a crash or leak fails it)
FUZZ_SECONDS ?= 60
FUZZ      := $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_LIB  := lib/base/arena.c lib/base/buf.c lib/base/kv.c lib/base/utf8.c lib/web/form.c \
             lib/web/multipart.c lib/base/jsonin.c

build-fuzz/%: tests/fuzz/%.c $(FUZZ_LIB) $(LIB_HDR)
	@mkdir -p $(@D)
	@echo "  FUZZ    $@"
	@clang -std=c11 -g -O1 -D_GNU_SOURCE -Ilib -I/usr/include/cjson \
	    -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_LIB) -lcjson

fuzz: $(FUZZ)
	@set -e; for f in $(FUZZ); do \
	    mkdir -p build-fuzz/corpus/$$(basename $$f); \
	    echo "== $$f ($(FUZZ_SECONDS) s)"; \
	    if ! $$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	        -artifact_prefix=build-fuzz/ build-fuzz/corpus/$$(basename $$f) \
	        >build-fuzz/$$(basename $$f).log 2>&1; then \
	        tail -n 40 build-fuzz/$$(basename $$f).log; \
	        echo "fuzz: $$f found a crashing input (build-fuzz/crash-*)"; exit 1; \
	    fi; tail -n 1 build-fuzz/$$(basename $$f).log; \
	done; echo "fuzz: $(words $(FUZZ)) passed, 0 failed"

bench: deps build
	@sh bench/run.sh

clean:
	rm -rf build build-san build-fuzz
