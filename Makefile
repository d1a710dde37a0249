# piranha-ts: `make demo` runs the suite in the kernel lab, `make test` runs every test.
SHELL := /bin/bash
PREFIX ?= /usr
DESTDIR ?=
SBINDIR := $(PREFIX)/sbin
# The bundles load koffi from ../lib/piranha-ts beside their own directory.
PKGLIBDIR := $(PREFIX)/lib/piranha-ts
MANDIR ?= $(PREFIX)/share/man
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= /etc
INITDIR ?= $(SYSCONFDIR)/rc.d/init.d
SUBST := -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@PKGLIBDIR@|$(PKGLIBDIR)|g'
MANPAGES := $(patsubst docs/%.md,docs/man/%,$(wildcard docs/*.[1-8].md))
JEST := node --experimental-vm-modules node_modules/jest/bin/jest.js

.PHONY: all deps node_modules build bundle man install uninstall lint typecheck unit netns package lab \
	test clean

all: build

# make demo: the suite in the kernel lab, narrated (demo/guest.sh); under 3 minutes.
.PHONY: demo
demo: deps node_modules bundle
	bash demo/run.sh

# Debian packages the tests need (installed only when missing; CI runs as root).
deps:
	bash test/support/install-deps.sh

node_modules: package-lock.json
	# npm ci rejects lock files without registry addresses for optional platform packages
	npm install --no-audit --no-fund
	@touch node_modules

build: node_modules
	npx tsc -b tsconfig.json

# One self-contained file per launcher in bin/ (dist/sbin), koffi's native module in dist/lib.
bundle: build
	node tools/bundle.mjs dist

# Manual pages (roff) from the markdown in docs/.
man: $(MANPAGES)

docs/man/%: docs/%.md tools/md2man.mjs
	node tools/md2man.mjs -o docs/man $<

# Executables, koffi, init scripts, systemd units, sysconfig, sample lvs.cf, logrotate, manuals.
# lvs.cf and sysconfig/pulse are installed only where none exists yet.
install: bundle man
	install -d "$(DESTDIR)$(SBINDIR)" "$(DESTDIR)$(INITDIR)" "$(DESTDIR)$(UNITDIR)" \
	  "$(DESTDIR)$(SYSCONFDIR)/sysconfig/ha" "$(DESTDIR)$(SYSCONFDIR)/logrotate.d" \
	  "$(DESTDIR)$(MANDIR)/man5" "$(DESTDIR)$(MANDIR)/man8"
	install -m 0755 dist/sbin/* "$(DESTDIR)$(SBINDIR)/"
	cd dist/lib/piranha-ts && find . -type f | while read -r f; do \
	  install -D -m 0644 "$$f" "$(DESTDIR)$(PKGLIBDIR)/$$f" || exit 1; done
	install -m 0644 etc/init-functions "$(DESTDIR)$(PKGLIBDIR)/init-functions"
	for f in pulse piranha-gui; do \
	  sed $(SUBST) "etc/rc.d/init.d/$$f" > "$(DESTDIR)$(INITDIR)/$$f" && \
	  chmod 0755 "$(DESTDIR)$(INITDIR)/$$f" || exit 1; \
	  sed $(SUBST) "etc/systemd/$$f.service" > "$(DESTDIR)$(UNITDIR)/$$f.service" && \
	  chmod 0644 "$(DESTDIR)$(UNITDIR)/$$f.service" || exit 1; done
	test -e "$(DESTDIR)$(SYSCONFDIR)/sysconfig/pulse" || \
	  install -m 0644 etc/sysconfig/pulse "$(DESTDIR)$(SYSCONFDIR)/sysconfig/pulse"
	test -e "$(DESTDIR)$(SYSCONFDIR)/sysconfig/ha/lvs.cf" || \
	  install -m 0640 etc/sysconfig/ha/lvs.cf "$(DESTDIR)$(SYSCONFDIR)/sysconfig/ha/lvs.cf"
	install -m 0644 etc/logrotate.d/piranha "$(DESTDIR)$(SYSCONFDIR)/logrotate.d/piranha"
	for f in $(MANPAGES); do \
	  install -D -m 0644 "$$f" "$(DESTDIR)$(MANDIR)/man$${f##*.}/$${f##*/}" || exit 1; done

# Removes what install put there, except lvs.cf and sysconfig/pulse (they may have been edited).
uninstall:
	for f in bin/*; do rm -f "$(DESTDIR)$(SBINDIR)/$${f##*/}"; done
	rm -rf "$(DESTDIR)$(PKGLIBDIR)"
	rm -f "$(DESTDIR)$(INITDIR)/pulse" "$(DESTDIR)$(INITDIR)/piranha-gui" \
	  "$(DESTDIR)$(UNITDIR)/pulse.service" "$(DESTDIR)$(UNITDIR)/piranha-gui.service" \
	  "$(DESTDIR)$(SYSCONFDIR)/logrotate.d/piranha"
	for f in docs/*.[1-8].md; do n=$${f#docs/}; n=$${n%.md}; \
	  rm -f "$(DESTDIR)$(MANDIR)/man$${n##*.}/$$n"; done

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

# make install, the installed init script run for real, the RPM (root).
package: deps build
	$(JEST) --selectProjects package --runInBand

# The kernel lab: real IPVS in Debian's kernel under QEMU (test/lab/README.md), running the
# bundled executables (dist/sbin) as installed: one file each loads fast over the guest's 9p root.
lab: deps node_modules bundle
	$(JEST) --selectProjects lab --runInBand

test: deps node_modules build lint typecheck unit netns package lab
	@echo "make test: all suites passed"

clean:
	rm -rf packages/*/dist node_modules/.cache coverage dist docs/man
