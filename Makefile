# vmcore-report
PKGS      := libelf libdw libarchive zlib lzo2 libzstd
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/vmcore-report
DRACUTDIR ?= $(PREFIX)/lib/dracut
CC        ?= cc
CFLAGS    ?= -O2 -g
WARN      := -Wall -Wextra -Werror -Wno-missing-field-initializers
CPPFLAGS  += -Iinclude -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 \
	     $(shell pkg-config --cflags $(PKGS))
LDLIBS    += $(shell pkg-config --libs $(PKGS)) -lsnappy
BUILD     := build
VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

# make static (STATIC=1, the default in $(STATIC_BUILD)): every library
# linked in.  Only what the binary uses is pulled from each .a; libdw wants
# bzip2 and lzma besides zlib, and libarchive's tar + xz writer only
# liblzma (see src/emitters/writer.c).
STATIC_BUILD ?= build-static
ifeq ($(BUILD),$(STATIC_BUILD))
STATIC    := 1
endif
ifeq ($(STATIC),1)
CPPFLAGS  += -DVR_STATIC
LDFLAGS   += -static
LDLIBS    := -ldw -lelf -larchive -llzma -lzstd -llzo2 -lsnappy -lbz2 -lz \
	     -lstdc++ -lm -pthread
endif

SRCS      := $(sort $(shell find src -name '*.c'))
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
TESTS     := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

all: $(BUILD)/vmcore-report

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DVR_VERSION='"$(VERSION)"' $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

$(BUILD)/libvr.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# The emitter table lives in a linker section that only the emitters' own
# objects reference, so link every library object, not just the used ones.
$(BUILD)/vmcore-report: $(BUILD)/src/main.o $(BUILD)/libvr.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -Wl,--whole-archive $(BUILD)/libvr.a -Wl,--no-whole-archive $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libvr.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -Wl,--whole-archive $(BUILD)/libvr.a -Wl,--no-whole-archive $(LDLIBS)

$(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

tests: $(TESTS)

# Issue #4: our address translation cross-checked against libkdumpfile, a
# test-only second backend (the product never links it).  Built only when
# its development files are installed; tests/integration/xcheck.sh runs it.
ifeq ($(shell pkg-config --exists libkdumpfile && echo y),y)
XCHECK    := $(BUILD)/tests/xcheck_libkdumpfile
endif

$(BUILD)/tests/xcheck_libkdumpfile.o: tests/xcheck/xcheck_libkdumpfile.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(shell pkg-config --cflags libkdumpfile libaddrxlat) $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

$(BUILD)/tests/xcheck_libkdumpfile: $(BUILD)/tests/xcheck_libkdumpfile.o $(BUILD)/libvr.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -Wl,--whole-archive $(BUILD)/libvr.a -Wl,--no-whole-archive $(LDLIBS) $(shell pkg-config --libs libkdumpfile libaddrxlat)

xcheck: $(XCHECK)

# The whole test suite: unit tests, then the integration tests on every
# fixture found in the fixture cache.  Prints "N passed, N failed" last.
check: all tests $(XCHECK)
	@tests/run-tests.sh $(BUILD)

# The whole test suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (leaks included); any report fails the run.
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	      -fno-sanitize-recover=all
asan:
	$(MAKE) BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" tests all xcheck
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		tests/run-tests.sh build-asan

# libFuzzer harnesses (clang), each run for FUZZ_SECONDS on seeds made
# from the fixtures; a crash or sanitizer report fails.  fuzz_report
# patches a real dump ($VR_FUZZ_DUMP, $VR_FUZZ_VMLINUX; by default the
# x86_64-trixie fixture's, without vmlinux: kallsyms and BTF from the dump)
# and skips every input when there is none; fuzz_btf's split-BTF mode
# reads its base from the same vmlinux.
FUZZ_SECONDS ?= 20
FUZZ_FIXTURE ?= $(or $(VMCORE_FIXTURES_CACHE),$(HOME)/.cache/vmcore-fixtures)/x86_64-trixie
VR_FUZZ_DUMP ?= $(wildcard $(FUZZ_FIXTURE)/vmcore.kdump-zlib)
export VR_FUZZ_DUMP VR_FUZZ_VMLINUX
FUZZ_FLAGS   := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
		-fno-sanitize-recover=all
FUZZERS      := $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz-build:
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" build-fuzz/libvr.a
	for f in $(FUZZERS); do \
		clang $(CPPFLAGS) $(FUZZ_FLAGS) $(WARN) -fsanitize=fuzzer -o $$f tests/fuzz/$${f#build-fuzz/}.c \
			-Wl,--whole-archive build-fuzz/libvr.a -Wl,--no-whole-archive $(LDLIBS) || exit 1; \
	done
	clang $(CPPFLAGS) -O1 -g $(WARN) -o build-fuzz/mkseeds tests/fuzz/mkseeds.c $(LDLIBS)
fuzz: fuzz-build all
	tests/fuzz/seeds.sh build-fuzz/corpus
	for f in $(FUZZERS); do \
		mkdir -p build-fuzz/corpus/$${f#build-fuzz/}; \
		$$f -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=1048576 \
			-artifact_prefix=build-fuzz/ \
			-print_final_stats=1 build-fuzz/corpus/$${f#build-fuzz/} || exit 1; \
	done

# Time and memory of a full report on every fixture (figures, no asserts).
bench: all $(BUILD)/tests/mksparse
	@tests/bench.sh $(BENCH_ARGS) $(BUILD)/vmcore-report

# A 1 TiB sparse kdump dump made from a fixture's (tests/integration/sparse.sh).
$(BUILD)/tests/mksparse: tests/bench/mksparse.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN) -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -o $@ $<

# Build dependencies (Debian packages), installed when missing.
deps:
	@tests/deps.sh

# A real report on the default fixture (made first when missing).
report: all
	@tests/demo.sh

# One statically linked, stripped binary: $(STATIC_BUILD)/vmcore-report,
# with its unit tests beside it (tests/run-tests.sh $(STATIC_BUILD)).
static:
	$(MAKE) BUILD=$(STATIC_BUILD) all tests
	strip $(STATIC_BUILD)/vmcore-report
	@ls -l $(STATIC_BUILD)/vmcore-report

# A real kdump: QEMU boots the x86_64 trixie kernel with crashkernel=192M,
# panics, and the capture kernel's init runs the static binary on
# /proc/vmcore (about 75 s; the kdump fixture is made first when missing,
# about 4 minutes more).  See tests/kdump/check-kdump.sh.
check-kdump: static
	tests/kdump/check-kdump.sh $(STATIC_BUILD)/vmcore-report

# `make static install` or `make install BUILD=$(STATIC_BUILD)` install the
# static binary (stripped).
INSTALL_FROM := $(if $(filter static,$(MAKECMDGOALS)),$(STATIC_BUILD),$(BUILD))
install: $(if $(filter static,$(MAKECMDGOALS)),static,$(BUILD)/vmcore-report)
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(if $(filter $(STATIC_BUILD),$(INSTALL_FROM)),-s) \
		$(INSTALL_FROM)/vmcore-report $(DESTDIR)$(BINDIR)/vmcore-report
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 0644 doc/vmcore-report.1 $(DESTDIR)$(MANDIR)/man1/vmcore-report.1
	install -d $(DESTDIR)$(DATADIR) $(DESTDIR)$(DRACUTDIR)/modules.d/99vmcore-report
	for f in vmcore-report-capture kdump-tools-savecore \
		 99vmcore-report/module-setup.sh 99vmcore-report/kdump-post.sh; do \
		case $$f in 99*) to=$(DESTDIR)$(DRACUTDIR)/modules.d/$$f ;; \
			    *) to=$(DESTDIR)$(DATADIR)/$$f ;; esac; \
		sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
			doc/kdump/$$f > $$to && chmod 0755 $$to || exit 1; \
	done

clean:
	rm -rf $(BUILD) build-asan build-fuzz build-static

.PHONY: all tests xcheck check asan fuzz fuzz-build bench deps report install clean static check-kdump
.SECONDARY:

# make fixtures: the test dumps (real Debian kernels under QEMU).
include fixtures/fixtures.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
