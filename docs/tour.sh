#!/usr/bin/env bash
# A 5-minute tour of PMO with curl, end to end, against `make run` (see README.md).
#   bash docs/tour.sh
# Other ports or data dir: P=http://127.0.0.1:18001 G=... R=... REP=... DATA_DIR=/tmp/x bash docs/tour.sh
# Every call checks its HTTP status; the first unexpected one stops the tour with its body.
set -euo pipefail

P=${P:-http://127.0.0.1:8001}      # projects
G=${G:-http://127.0.0.1:8002}      # governance
R=${R:-http://127.0.0.1:8003}      # resources
REP=${REP:-http://127.0.0.1:8004}  # reporting
DATA_DIR=${DATA_DIR:-var}          # where `pmo run` keeps its dev signing key
PMO=${PMO:-$(command -v pmo || echo .venv/bin/pmo)}
RUN=$(date +%s)                    # makes codes and idempotency keys unique per run
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

uuid() { python3 -c 'import uuid; print(uuid.uuid4())'; }
token() { "$PMO" token --data-dir "$DATA_DIR" "$@"; }
step() { printf '\n== %s\n' "$*"; }
# call STATUS TOKEN METHOD URL [JSON [curl args...]]: body in $TMP/body, headers in $TMP/head
call() {
  local want=$1 tok=$2 method=$3 url=$4 data=${5:-} got
  shift 4; if [ $# -gt 0 ]; then shift; fi
  local args=(-sS -X "$method" -o "$TMP/body" -D "$TMP/head" -w '%{http_code}'
              -H "Authorization: Bearer $tok")
  if [ -n "$data" ]; then args+=(-H 'Content-Type: application/json' --data "$data"); fi
  got=$(curl "${args[@]}" "$@" "$url")
  if [ "$got" != "$want" ]; then
    echo "FAILED: $method $url -> $got (expected $want)"; cat "$TMP/body"; echo; exit 1
  fi
}
get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$TMP/body"; }
event_ids() { sed -n 's/^[Pp][Mm][Oo]-[Ee]vent-[Ii]ds: *//p' "$TMP/head" | tr -d '\r'; }

ME=$(uuid)        # the PMO admin, also sponsor and manager of the project
APPROVER=$(uuid)  # named approver of the stage gate and the change request
ADMIN=$(token --role pmo_admin --person "$ME")

step "1. projects: portfolio, program, project, two dependent tasks, a milestone, a baseline"
call 201 "$ADMIN" POST "$P/v1/portfolios" '{"name":"Digital","currency":"EUR"}'
PF=$(get 'd["id"]')
call 201 "$ADMIN" POST "$P/v1/programs" "{\"portfolio_id\":\"$PF\",\"name\":\"Core systems\"}"
PG=$(get 'd["id"]')
call 201 "$ADMIN" POST "$P/v1/projects" "{\"code\":\"ERP-$RUN\",\"name\":\"ERP replacement\",
  \"program_id\":\"$PG\",\"sponsor_id\":\"$ME\",\"manager_id\":\"$ME\",
  \"planned_start_on\":\"2026-09-01\",\"planned_finish_on\":\"2027-03-31\",
  \"budget\":{\"amount\":\"250000.00\",\"currency\":\"EUR\"},\"project_type\":\"it\"}" \
  -H "Idempotency-Key: tour-$RUN"
PR=$(get 'd["id"]'); echo "project $PR: phase $(get 'd["phase"]')"
call 201 "$ADMIN" POST "$P/v1/projects/$PR/tasks" '{"name":"Design",
  "planned_start_on":"2026-10-01","planned_finish_on":"2026-11-30","planned_effort_hours":"160",
  "planned_cost":{"amount":"40000.00","currency":"EUR"}}'
T1=$(get 'd["id"]')
call 201 "$ADMIN" POST "$P/v1/projects/$PR/tasks" '{"name":"Build",
  "planned_start_on":"2026-12-01","planned_finish_on":"2027-02-26","planned_effort_hours":"900",
  "planned_cost":{"amount":"150000.00","currency":"EUR"},"earning_rule":"fifty_fifty"}'
T2=$(get 'd["id"]')
call 201 "$ADMIN" POST "$P/v1/projects/$PR/tasks/$T2/dependencies" "{\"predecessor_id\":\"$T1\"}"
echo "Build depends on Design (finish_to_start)"
call 201 "$ADMIN" POST "$P/v1/projects/$PR/milestones" \
  "{\"name\":\"Go-live\",\"due_on\":\"2027-03-01\",\"task_id\":\"$T2\"}"
call 201 "$ADMIN" POST "$P/v1/projects/$PR/baselines" '{"name":"Approved plan"}'
echo "baseline $(get 'd["id"]')"

step "2a. governance: a stage gate guards the next phase; until approved, the phase change is 409"
call 201 "$ADMIN" POST "$G/v1/projects/$PR/stage-gates" "{\"phase\":\"approved\",
  \"project_type\":\"it\",\"criteria\":[{\"description\":\"business case signed off\"}],
  \"required_approver_ids\":[\"$APPROVER\"]}"
GATE=$(get 'd["id"]'); CRIT=$(get 'd["criteria"][0]["criterion_id"]')
sleep 2  # the projects service learns of the gate from governance's events
phase() { call "$1" "$ADMIN" POST "$P/v1/projects/$PR/phase-changes" \
  "{\"to_phase\":\"$2\",\"changed_on\":\"$3\"}"; }
phase 409 approved 2026-09-01
echo "refused: $(get 'd["status"], d["type"]')"
call 200 "$ADMIN" POST "$G/v1/stage-gates/$GATE/criteria/$CRIT/attestation" '{"note":"signed"}'
APPROVER_TOKEN=$(token --role team_member --project "$PR" --person "$APPROVER")
call 200 "$APPROVER_TOKEN" POST "$G/v1/stage-gates/$GATE/decision" \
  '{"decision":"approved","reason":"business case holds"}'
echo "gate: $(get 'd["decision"]["decision"]') by the named approver"
for _ in $(seq 50); do  # until the projects service has consumed the decision
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' "$P/v1/projects/$PR/phase-changes" \
    -d '{"to_phase":"approved","changed_on":"2026-09-01"}')
  [ "$code" = 200 ] && break; sleep 0.2
done
[ "$code" = 200 ] || { echo "FAILED: phase approved still $code after the gate decision"; exit 1; }
phase 200 planning 2026-09-15
phase 200 executing 2026-10-01
echo "phase: $(get 'd["phase"]')"

step "2b. governance: a risk raised, assessed (inherent), mitigated, re-assessed (residual)"
call 201 "$ADMIN" POST "$G/v1/projects/$PR/risks" "{\"title\":\"Key vendor delivers late\",
  \"category\":\"supplier\",\"owner_id\":\"$ME\",\"proximity\":\"near_term\"}"
RISK=$(get 'd["id"]')
call 200 "$ADMIN" POST "$G/v1/risks/$RISK/assessments" '{"stage":"inherent","probability":"0.7",
  "impact":"0.40","cost_impact":{"amount":"20000.00","currency":"EUR"}}'
echo "inherent score $(get 'd["inherent"]["score"]'), EMV $(get 'd["inherent"]["emv"]["amount"]')"
call 200 "$ADMIN" PUT "$G/v1/risks/$RISK/response" \
  '{"strategy":"mitigate","description":"qualify a second vendor"}'
call 201 "$ADMIN" POST "$G/v1/risks/$RISK/mitigation-actions" "{\"description\":
  \"qualify a second vendor\",\"owner_id\":\"$ME\",\"due_on\":\"2027-01-15\"}"
call 200 "$ADMIN" POST "$G/v1/risks/$RISK/status" '{"status":"mitigating"}'
call 200 "$ADMIN" POST "$G/v1/risks/$RISK/assessments" '{"stage":"residual","probability":"0.3",
  "impact":"0.40","cost_impact":{"amount":"20000.00","currency":"EUR"}}'
echo "residual score $(get 'd["residual"]["score"]'), EMV $(get 'd["residual"]["emv"]["amount"]')"

step "2c. governance: a change request drafted, submitted, reviewed, approved by its approver"
call 201 "$ADMIN" POST "$G/v1/projects/$PR/change-requests" "{\"title\":\"Add a data-migration task\",
  \"cost_impact\":{\"amount\":\"12000.00\",\"currency\":\"EUR\"},\"schedule_impact_days\":10,
  \"approver_ids\":[\"$APPROVER\"]}"
CR=$(get 'd["id"]')
call 200 "$ADMIN" POST "$G/v1/change-requests/$CR/submission" '{}'
call 200 "$ADMIN" POST "$G/v1/change-requests/$CR/review" '{}'
call 200 "$APPROVER_TOKEN" POST "$G/v1/change-requests/$CR/decisions" \
  '{"decision":"approved","reason":"within contingency"}'
echo "change request: $(get 'd["status"]'), alters_baseline $(get 'str(d["alters_baseline"]).lower()')"

step "3a. resources: a team, two people (one part-time), a cost rate"
call 201 "$ADMIN" POST "$R/v1/teams" '{"name":"Platform"}'
TEAM=$(get 'd["id"]')
call 201 "$ADMIN" POST "$R/v1/people" "{\"name\":\"Ada\",\"role\":\"engineer\",\"team_id\":\"$TEAM\",
  \"active_from\":\"2026-09-01\",\"skills\":[{\"skill\":\"python\",\"level\":5}]}"
ADA=$(get 'd["id"]')
call 201 "$ADMIN" POST "$R/v1/people" "{\"name\":\"Grace\",\"role\":\"engineer\",
  \"team_id\":\"$TEAM\",\"active_from\":\"2026-09-01\"}"
GRACE=$(get 'd["id"]')
call 201 "$ADMIN" POST "$R/v1/people/$ADA/schedules" \
  '{"effective_from":"2026-09-01","hours_per_weekday":["8","8","8","8","8","0","0"]}'
call 201 "$ADMIN" POST "$R/v1/people/$GRACE/schedules" \
  '{"effective_from":"2026-09-01","hours_per_weekday":["8","8","8","4","0","0","0"]}'
echo "Ada full-time (40 h/week), Grace part-time (28 h/week)"
call 201 "$ADMIN" POST "$R/v1/people/$ADA/cost-rates" \
  '{"effective_from":"2026-09-01","hourly_rate":{"amount":"90.00","currency":"EUR"}}'

step "3b. resources: an allocation that over-allocates Grace (accepted, with a warning)"
PM=$(token --role project_manager --project "$PR" --person "$ME")
call 201 "$PM" POST "$R/v1/allocations" "{\"project_id\":\"$PR\",\"task_id\":\"$T1\",
  \"person_id\":\"$GRACE\",\"hours_per_day\":\"6\",\"status\":\"confirmed\",
  \"start_on\":\"2026-11-09\",\"end_on\":\"2026-11-13\"}"
get '"\n".join("warning %s: %s load %s h > capacity %s h" % (w["type"], x["on"], x["load_hours"],
  x["capacity_hours"]) for w in d["warnings"] for x in w["days"])'

step "3c. resources: an unfilled request for an engineer, filled with Ada"
call 201 "$PM" POST "$R/v1/allocations" "{\"project_id\":\"$PR\",\"role\":\"engineer\",
  \"skills\":[{\"skill\":\"python\",\"min_level\":3}],\"percent_of_capacity\":\"50\",
  \"start_on\":\"2026-11-09\",\"end_on\":\"2026-11-20\"}"
REQ=$(get 'd["id"]'); echo "request: $(get 'd["status"]'), person $(get 'd["person_id"]')"
call 200 "$PM" GET "$R/v1/projects/$PR/staffing?unfilled=true"
echo "unfilled requests: $(get 'len(d["items"])')"
call 200 "$PM" POST "$R/v1/allocations/$REQ/fill" "{\"person_id\":\"$ADA\"}"
call 200 "$PM" POST "$R/v1/allocations/$REQ/confirm" '{}'
echo "request: $(get 'd["status"]'), person $(get 'd["person_id"]') (Ada)"

step "3d. resources: Ada's week on Design, submitted by Ada, approved by the project manager"
ADA_TOKEN=$(token --role team_member --project "$PR" --person "$ADA")
call 201 "$ADA_TOKEN" POST "$R/v1/timesheets" "{\"person_id\":\"$ADA\",\"week_start_on\":\"2026-11-09\"}"
SHEET=$(get 'd["id"]')
for day in 09 10 11 12 13; do
  call 200 "$ADA_TOKEN" POST "$R/v1/timesheets/$SHEET/lines" "{\"project_id\":\"$PR\",
    \"task_id\":\"$T1\",\"worked_on\":\"2026-11-$day\",\"hours\":\"4\",\"comment\":\"design\"}"
done
call 200 "$ADA_TOKEN" POST "$R/v1/timesheets/$SHEET/submit" '{}'
call 200 "$PM" POST "$R/v1/timesheets/$SHEET/approve" '{}'
echo "timesheet: $(get 'd["status"]'), $(get 'd["total_hours"]') h"

step "4. projects: progress and an expense; later, a back-dated correction"
call 201 "$ADMIN" POST "$P/v1/projects/$PR/tasks/$T1/progress" \
  '{"status_on":"2026-11-13","percent_complete":"40"}'
call 201 "$ADMIN" POST "$P/v1/projects/$PR/tasks/$T1/progress" \
  '{"status_on":"2026-11-20","percent_complete":"60"}'
call 201 "$ADMIN" POST "$P/v1/projects/$PR/expenses" '{"spent_on":"2026-11-12",
  "amount":{"amount":"1200.00","currency":"EUR"},"category":"travel","task_id":"'"$T1"'"}'
sleep 1; KNOWN=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ); sleep 1
echo "captured as_known_at=$KNOWN"
call 201 "$ADMIN" POST "$P/v1/projects/$PR/tasks/$T1/progress" \
  '{"status_on":"2026-11-13","percent_complete":"25","comment":"re-measured: 25%, not 40%"}'
WAIT=$(event_ids)
echo "recorded now: Design was 25% (not 40%) on 2026-11-13; PMO-Event-Ids: $WAIT"

step "5. reporting: earned value as of 2026-11-13, now and as known before the correction"
ev() { get 'd["earned_value"]["'"$1"'"]["amount"] if isinstance(d["earned_value"]["'"$1"'"], dict) else d["earned_value"]["'"$1"'"]'; }
call 200 "$ADMIN" GET "$REP/v1/evm/projects/$PR?as_of=2026-11-13&wait_for=$WAIT"
EV_NOW=$(ev ev); echo "EV now:             $EV_NOW  (PV $(ev pv), AC $(ev ac))"
call 200 "$ADMIN" GET "$REP/v1/evm/projects/$PR?as_of=2026-11-13&as_known_at=$KNOWN"
EV_THEN=$(ev ev); echo "EV as known before: $EV_THEN  (PV $(ev pv), AC $(ev ac))"
[ "$EV_NOW" != "$EV_THEN" ] || { echo "FAILED: the back-dated correction changed nothing"; exit 1; }

step "5b. reporting: capacity vs demand, weeks of 9 and 16 November, per person"
call 200 "$ADMIN" GET "$REP/v1/capacity/demand?from_on=2026-11-09&to_on=2026-11-22&group_by=person&project_id=$PR"
NAMES="{\"$ADA\": \"Ada\", \"$GRACE\": \"Grace\"}"
get '"\n".join("%-5s week of %s: capacity %3s h, allocated %s h, actual %s h, over-allocated days %s" % (
  '"$NAMES"'[i["key"]], w["period_on"], w["capacity_hours"], w["allocated_hours"], w["actual_hours"],
  w["over_allocated_days"]) for i in d["items"] for w in i["periods"])'

step "5c. reporting: risk exposure"
call 200 "$ADMIN" GET "$REP/v1/risk-exposure/top-risks?project_id=$PR"
get '"\n".join("top risk: %s, residual score %s, EMV %s %s" % (i["title"], i["score"],
  i["emv"]["amount"], i["emv"]["currency"]) for i in d["items"])'
call 200 "$ADMIN" GET "$REP/v1/risk-exposure/heat-map?project_id=$PR&stage=inherent"
get '"\n".join("heat map (inherent): p=%s x i=%s -> %s risk(s)" % (c["probability"], c["impact"],
  c["risks"]) for c in d["cells"])'

printf '\nTour complete.\n'
