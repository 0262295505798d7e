#!/usr/bin/env bash
# Samla's proof on a Citus cluster: starts a coordinator and two workers here (citus/cluster.sh, as root; Citus is
# built the first time, about a minute), then runs against it, with every statement of the application that would run
# on all shards refused (samla.db.refuse-fan-out):
#   - the isolation tests: row-level security, federations, ids of another municipality;
#   - the case journey in the browser, submissions, the workbench, the case API and the case flows;
#   - the Open311 tests;
#   - fees and payment files, bookings, meetings and locks, sensors and their roll-ups, reports linked to sensor cases,
#     the managers' figures, digital post and uploaded open data;
#   - the move of a municipality to a worker of its own while another keeps submitting (CitusTenantMoveIT).
# 162 tests, about eight minutes on two cores with the cluster's start; reports in target/surefire-reports. Usage: citus/test.sh [more test classes]
set -euo pipefail
cd "$(dirname "$0")/.."
TESTS="RowLevelSecurityIT,FederationRowLevelSecurityIT,TenantResolutionIT,SubmissionIT,SubmissionOwnershipIT"
TESTS="$TESTS,CaseApiIT,CaseFlowsIT,WorkbenchIT,CaseJourneyIT,Open311IT,Open311ListsIT,Open311NegotiationIT"
TESTS="$TESTS,FeesIT,BookingIT,BookingLifecycleIT,MeetingsIT,LocksIT,SensorIngestionIT,RuleEvaluationIT,LatestValuesIT"
TESTS="$TESTS,RoundIT,SensorCasesIT,ReportsIT,InsightsIT,MonthFiguresIT,ProcessLogIT,ForecastIT,KeyFiguresIT"
TESTS="$TESTS,DigitalPostIT,UploadedDatasetsIT"
TESTS="$TESTS,CitusTenantMoveIT${1:+,$1}"

# a fresh cluster: the tests expect the demo municipalities as a first start leaves them
citus/cluster.sh stop || true
rm -rf target/citus-cluster
citus/cluster.sh start
export SAMLA_DB_URL=jdbc:postgresql://localhost:55500/samla SAMLA_DB_USER=samla_app SAMLA_DB_OWNER_USER=samla_owner
./mvnw -B test -Dsamla.db.refuse-fan-out=true -Dsamla.citus.spare=localhost:55503 -Dsamla.test.superuser=postgres -Dtest="$TESTS" \
    -Dsurefire.failIfNoSpecifiedTests=false
