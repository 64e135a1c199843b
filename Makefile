# Stead: `make run` and `make test` set everything up on Debian 12.
BUILDDIR ?= _build
MESON ?= meson

.PHONY: all deps setup build run test bench clean

all: build

deps:
	@sh build-aux/ensure-deps

$(BUILDDIR)/build.ninja:
	$(MESON) setup $(BUILDDIR) --prefix=/usr/local

setup: deps $(BUILDDIR)/build.ninja

build: setup
	$(MESON) compile -C $(BUILDDIR)

# Runs the window from the build tree: plugins, schemas and resources
# come from $(BUILDDIR), nothing is installed.
run: build
	$(MESON) devenv -C $(BUILDDIR) --workdir $(CURDIR) $(CURDIR)/$(BUILDDIR)/app/stead $(ARGS)

# The whole suite; UI tests need a display, so everything runs inside one
# Xvfb server and a private D-Bus session bus.
test: build
	xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
	  $(MESON) test -C $(BUILDDIR) --print-errorlogs --num-processes 2 $(TESTARGS)

# Benchmarks measure what users run: a release build of its own
# (-O3, no assertions), like the Flatpak's.
BENCHDIR ?= _build-bench

$(BENCHDIR)/build.ninja:
	$(MESON) setup $(BENCHDIR) --prefix=/usr/local --buildtype=release

bench: deps $(BENCHDIR)/build.ninja
	$(MESON) compile -C $(BENCHDIR)
	xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
	  $(MESON) test -C $(BENCHDIR) --benchmark --verbose $(BENCHARGS)

clean:
	rm -rf $(BUILDDIR) $(BENCHDIR)
