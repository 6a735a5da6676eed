# strikemap — the two commands a new user runs: `make demo` and `make test`.
# Everything goes through meson; this file only installs, configures and
# calls it.

BUILD ?= build
OUT ?= out
MESON ?= meson
# CI builds with -Werror (STYLE.md); a user's build only warns.
ifdef CI
WERROR = -Dwerror=true
endif

.PHONY: all deps demo test test-asan bench clean distclean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@sh scripts/install-deps.sh

$(BUILD)/build.ninja:
	@sh scripts/install-deps.sh
	$(MESON) setup $(BUILD) $(WERROR)

demo: deps all
	./$(BUILD)/strikemap demo -o $(OUT)

test: deps all
	$(MESON) test -C $(BUILD) --print-errorlogs --num-processes 2

# Everything under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	[ -f $(BUILD)-asan/build.ninja ] || $(MESON) setup $(BUILD)-asan -Db_sanitize=address,undefined -Db_lundef=false
	ninja -C $(BUILD)-asan
	$(MESON) test -C $(BUILD)-asan --print-errorlogs --num-processes 2 --no-suite slow

bench: deps all
	sh bench/run.sh $(BUILD)

clean:
	[ ! -d $(BUILD) ] || ninja -C $(BUILD) clean

distclean:
	rm -rf $(BUILD) $(BUILD)-asan $(OUT)
