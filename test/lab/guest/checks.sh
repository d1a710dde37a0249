# Sourced by lab test scripts (sh or bash) to report named results to the host test, which
# asserts on each one (test/lab/session.ts). A failing step is reported, never fatal, so one
# boot still reports every later step.
#
# lab_check NAME COMMAND [ARGS...]
#   Runs COMMAND (a program or a shell function) and prints its output for people, then one
#   line for the host:  @@LAB-CHECK {"name":"NAME","exitCode":N,"output":"<base64>"}
#   The output travels base64-encoded, so it needs no JSON escaping. Returns COMMAND's status.
#   COMMAND runs in a subshell: variables it sets and cd do not outlive it.
lab_check() {
  lab_check_name=$1
  shift
  case $lab_check_name in
  '' | *[!A-Za-z0-9_.:-]*)
    echo "lab_check: bad check name '$lab_check_name'" >&2
    return 2
    ;;
  esac
  lab_check_output=$("$@" 2>&1)
  lab_check_status=$?
  echo "--- $lab_check_name (exit $lab_check_status)"
  [ -z "$lab_check_output" ] || printf '%s\n' "$lab_check_output"
  printf '@@LAB-CHECK {"name":"%s","exitCode":%d,"output":"%s"}\n' "$lab_check_name" \
    "$lab_check_status" "$(printf '%s' "$lab_check_output" | base64 -w 0)"
  return "$lab_check_status"
}
