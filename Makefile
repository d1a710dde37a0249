# piranha-ts: `make demo` runs the suite in the kernel lab, `make test` runs every test.
SHELL := /bin/bash
PREFIX ?= /usr
DESTDIR ?=
JEST := node --experimental-vm-modules node_modules/jest/bin/jest.js

.PHONY: all deps node_modules build lint typecheck unit netns lab test clean

all: build

# Debian packages the tests need (installed only when missing; CI runs as root).
deps:
	bash test/support/install-deps.sh

node_modules: package-lock.json
	# npm ci rejects lock files without registry addresses for optional platform packages
	npm install --no-audit --no-fund
	@touch node_modules

build: node_modules
	npx tsc -b tsconfig.json

lint: node_modules
	npx eslint .
	npx prettier --check .

typecheck: build
	npx tsc -p tsconfig.test.json

unit: build
	$(JEST) --selectProjects unit

# Host network namespaces (root): send_arp on a veth pair, captured with tcpdump.
netns: deps build
	$(JEST) --selectProjects netns --runInBand

# The kernel lab: real IPVS in Debian's kernel under QEMU (test/lab/README.md).
lab: deps node_modules
	$(JEST) --selectProjects lab --runInBand

test: deps node_modules build lint typecheck unit netns lab
	@echo "make test: all suites passed"

clean:
	rm -rf packages/*/dist node_modules/.cache coverage
