# plotalloc: the two quick-start commands, each installing what it needs first.
#   make solve   solve the bundled Bekasi phase-1 scenario (SCENARIO=... to choose another)
#   make test    run the test suite
SCENARIO ?= scenarios/bekasi-phase1.yaml
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps solve test build bench

# GLPK's C library and headers (libglpk-dev) for the solver; glpsol (glpk-utils) for cross-checks in tests and benchmarks;
# PROJ (libproj-dev) and GEOS (libgeos-dev) for site geometry; GDAL's ogrinfo (gdal-bin) to check the GeoJSON we write.
DEBS := libglpk-dev glpk-utils libproj-dev libgeos-dev gdal-bin
deps:
	@dpkg -s $(DEBS) >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $(DEBS); }

build: deps
	swift build -c release --product plotalloc

solve: build
	.build/release/plotalloc solve $(SCENARIO)

test: deps
	swift test

bench: build
	bash benchmarks/run.sh
