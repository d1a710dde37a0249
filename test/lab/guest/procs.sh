# Sourced by the lab's shell libraries. lab_check runs checks in a subshell, which cannot
# `wait` for its parent's children, so processes are watched by polling.

# gone PID...: until none of them runs (20 s at most).
gone() {
  local try
  for try in $(seq 200); do
    kill -0 "$@" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "still running: $*"
  return 1
}
