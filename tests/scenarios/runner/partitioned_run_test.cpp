// A partitioned run (scenarios/runner/simulation_parts.cpp) in one process: K threads, one part
// each, meet in an in-process all_gather (ThreadComm, the MPI one's stand-in), and rank 0's report
// must digest like the sequential run's. Also the observer log's merge order and replay.
#include <gtest/gtest.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "reports/digest.hpp"
#include "reports/writer.hpp"
#include "scenarios/runner/part_log.hpp"
#include "scenarios/runner/part_support.hpp"
#include "scenarios/runner/run.hpp"
#include "tests/scenarios/runner/invite_scenario.hpp"
#include "tests/scenarios/runner/load_or_fail.hpp"

namespace ptplab::scenarios {
namespace {

using test_support::load_or_fail;

// The all_gather of `parts` threads: each round completes when every part has handed its bytes.
class ThreadHub {
 public:
  explicit ThreadHub(std::uint32_t parts) : parts_(parts), slots_(parts) {}
  std::vector<std::string> gather(std::uint32_t self, std::string_view mine) {
    std::unique_lock lock(m_);
    const std::uint64_t round = round_;
    slots_[self] = std::string(mine);
    if (++arrived_ == parts_) {
      result_ = slots_;
      arrived_ = 0;
      ++round_;
      cv_.notify_all();
    } else {
      cv_.wait(lock, [&] { return round_ != round; });
    }
    return result_;
  }
  [[nodiscard]] std::uint32_t parts() const { return parts_; }

 private:
  std::uint32_t parts_;
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<std::string> slots_, result_;
  std::uint32_t arrived_ = 0;
  std::uint64_t round_ = 0;
};

class ThreadComm final : public PartComm {
 public:
  ThreadComm(ThreadHub& hub, std::uint32_t self) : hub_(hub), self_(self) {}
  [[nodiscard]] std::uint32_t parts() const override { return hub_.parts(); }
  [[nodiscard]] std::uint32_t self() const override { return self_; }
  [[nodiscard]] std::vector<std::string> all_gather(std::string_view mine) override {
    return hub_.gather(self_, mine);
  }

 private:
  ThreadHub& hub_;
  std::uint32_t self_;
};

std::string smoke(const std::string& name) {
  std::ifstream in(std::string(PTPLAB_SOURCE_DIR) + "/scenarios/suites/smoke/" + name + ".json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path temp_report(const std::string& what) {
  auto path = std::filesystem::temp_directory_path() /
              ("ptplab_partitioned_" + std::to_string(::getpid()) + "_" + what + ".db");
  std::filesystem::remove(path);
  return path;
}

// The report digest of `s` run over `parts` parts (1: sequentially, no PartComm), and the run's
// events and status as rank 0 saw them.
struct Ran {
  std::string digest;
  std::uint64_t events = 0;
  bool complete = false;
};

Ran run_parts(const Scenario& s, std::uint32_t parts, const std::string& what) {
  const auto path = temp_report(what);
  Ran ran;
  {
    auto w = reports::ReportWriter::open(path.string());
    EXPECT_TRUE(w.has_value());
    if (!w) return ran;
    ThreadHub hub(parts);
    std::vector<Expected<RunOutcome, std::string>> outcomes(parts, Unexpected(std::string("not run")));
    const auto one = [&](std::uint32_t k) {
      ThreadComm comm(hub, k);
      RunRequest r;
      r.sink = k == 0 ? &*w : nullptr;
      r.parts = parts > 1 ? &comm : nullptr;
      outcomes[k] = run_scenario(s, r);
    };
    std::vector<std::thread> threads;
    for (std::uint32_t k = 1; k < parts; ++k) threads.emplace_back(one, k);
    one(0);
    for (auto& t : threads) t.join();
    for (const auto& o : outcomes) EXPECT_TRUE(o.has_value()) << (o ? "" : o.error());
    if (!outcomes[0]) return ran;
    ran.events = outcomes[0]->events;
    ran.complete = outcomes[0]->status == reports::RunStatus::kComplete;
    for (const auto& o : outcomes) {
      if (o) {
        EXPECT_EQ(o->status, outcomes[0]->status) << "every rank ends alike";
      }
    }
  }
  auto digest = reports::report_digest(path.string());
  EXPECT_TRUE(digest.has_value());
  if (digest) ran.digest = *digest;
  std::filesystem::remove(path);
  return ran;
}

TEST(PartitionedRun, SmokeReportsDigestLikeTheSequentialRun) {
  for (const char* name : {"basic", "nat_mix", "closed_loss"}) {
    const Scenario s = load_or_fail(smoke(name));
    ASSERT_FALSE(partition_refusal(s).has_value()) << name;
    const Ran sequential = run_parts(s, 1, std::string(name) + "_1");
    ASSERT_TRUE(sequential.complete) << name;
    for (const std::uint32_t parts : {2u, 3u}) {
      SCOPED_TRACE(std::string(name) + " over " + std::to_string(parts) + " parts");
      const Ran partitioned = run_parts(s, parts, std::string(name) + "_" + std::to_string(parts));
      EXPECT_TRUE(partitioned.complete);
      EXPECT_EQ(partitioned.events, sequential.events);
      EXPECT_EQ(partitioned.digest, sequential.digest);
    }
  }
}

// The timeline's partition, heal, crash and restart (smoke/faults with a latency floor, since
// its normal latency without one has no lookahead).
TEST(PartitionedRun, FaultsTimelineDigestsLikeTheSequentialRun) {
  const Scenario s =
      load_or_fail(smoke("faults"),
                   {R"(/network/latency={"model":"normal","mean":"30ms","stddev":"5ms","floor":"10ms"})"});
  ASSERT_FALSE(partition_refusal(s).has_value());
  const Ran sequential = run_parts(s, 1, "faults_1");
  const Ran partitioned = run_parts(s, 2, "faults_2");
  EXPECT_EQ(partitioned.digest, sequential.digest);
}

// The rest of the timeline: churn (each part churns its own hosts), CONNECT (A's owner reads the
// rendezvous address A knows) and set_param, on smoke/basic.
TEST(PartitionedRun, ChurnConnectAndSetParamDigestLikeTheSequentialRun) {
  const Scenario s = load_or_fail(
      smoke("basic"),
      {R"(/timeline=[{"at":"2s","action":"churn_on","group":"clients","mean_uptime":"3s","mean_downtime":"1s"},)"
       R"({"at":"5s","action":"churn_off"},{"at":"5.5s","action":"set_param","group":"clients",)"
       R"("name":"gossip_fanout","value":3},)"
       R"({"at":"6s","action":"connect","group":"clients","to":"clients","via":"servers","count":4}])"});
  ASSERT_FALSE(partition_refusal(s).has_value());
  const Ran sequential = run_parts(s, 1, "timeline_1");
  for (const std::uint32_t parts : {2u, 3u}) {
    SCOPED_TRACE(std::to_string(parts) + " parts");
    const Ran partitioned = run_parts(s, parts, "timeline_" + std::to_string(parts));
    EXPECT_EQ(partitioned.events, sequential.events);
    EXPECT_EQ(partitioned.digest, sequential.digest);
  }
}

// A latency (hence lookahead) of 800 ms, above the 500 ms after which a restarted node's rejoin
// retries: the windows are cut to 500 ms (a rank must not pass the time of a retry a deferred
// callback queued before it learns of it). The digest cannot tell that retry's time here (the
// announcement joins the node first, and a retry that finds it joined does nothing), so this
// guards long lookaheads with crashes and restarts, not the cut itself.
TEST(PartitionedRun, RejoinAfterARestartUnderALongLatencyDigestsLikeTheSequentialRun) {
  const Scenario s =
      load_or_fail(smoke("basic"), {R"(/network/latency={"model":"constant","delay":"800ms"})",
                                    R"(/timeline=[{"at":"6.5s","action":"crash","group":"clients",)"
                                    R"("share":0.5},{"at":"7s","action":"restart","group":"clients"}])",
                                    "/duration=15s"});
  ASSERT_FALSE(partition_refusal(s).has_value());
  const Ran sequential = run_parts(s, 1, "rejoin_1");
  const Ran partitioned = run_parts(s, 2, "rejoin_2");
  EXPECT_EQ(partitioned.digest, sequential.digest);
}

// Invitations (channel_discovery "invite"): read on the creator's owner, handed on each member's,
// and the members' answers handed back on the creator's.
TEST(PartitionedRun, InvitationsDigestLikeTheSequentialRun) {
  const Scenario s = load_or_fail(test_support::kInviteScenario);
  ASSERT_FALSE(partition_refusal(s).has_value());
  const Ran sequential = run_parts(s, 1, "invite_1");
  ASSERT_TRUE(sequential.complete);
  const Ran partitioned = run_parts(s, 2, "invite_2");
  EXPECT_EQ(partitioned.events, sequential.events);
  EXPECT_EQ(partitioned.digest, sequential.digest);
}

TEST(PartitionedRun, RefusesWhatItDoesNotReproduceNamingThePath) {
  const auto attack = partition_refusal(load_or_fail(smoke("attack")));
  ASSERT_TRUE(attack.has_value());
  EXPECT_NE(attack->find("/attackers"), std::string::npos) << *attack;
  EXPECT_NE(attack->find("not partitioned yet"), std::string::npos) << *attack;
  const auto faults = partition_refusal(load_or_fail(smoke("faults")));
  ASSERT_TRUE(faults.has_value());
  EXPECT_NE(faults->find("/network/latency"), std::string::npos) << *faults;
}

Stamp at(TimeNs t, std::uint64_t phase, StampClass cls, std::uint64_t a, std::uint64_t idx) {
  Stamp s;
  s.t = t;
  s.phase = phase;
  s.cls = static_cast<std::uint64_t>(cls);
  s.a = a;
  s.idx = idx;
  return s;
}

// The merge orders by time, phase, class, key, then the rank's own order: a driver callback's
// records come before the host events of its phase, deferred callbacks after them.
TEST(PartLog, MergeOrdersRecordsAsTheSequentialKernelRanThem) {
  PartLog rank0, rank1;
  rank0.add_channel(at(5, 1, StampClass::kDriver, 3, 1), "driver");
  rank0.add_channel(at(5, 1, StampClass::kDeferred, 0, 2), "deferred");
  rank0.add_channel(at(5, 0, StampClass::kHost, 9, 3), "host before the driver");
  rank1.add_channel(at(5, 1, StampClass::kHost, 4, 1), "host key 4 after the driver");
  rank1.add_channel(at(4, 0, StampClass::kHost, 100, 2), "earlier");
  rank0.add_channel(at(5, 1, StampClass::kHost, 7, 4), "host key 7 after the driver");
  const std::vector<std::string> logs{rank0.take(), rank1.take()};
  std::vector<std::string> order;
  const MergedLogs merged = merge_part_logs(logs);
  for (const PartEntry& e : merged.entries) {
    ByteReader r(e.body);
    order.emplace_back(r.get_text());
  }
  EXPECT_EQ(order, (std::vector<std::string>{"earlier", "host before the driver", "driver",
                                             "host key 4 after the driver", "host key 7 after the driver",
                                             "deferred"}));
}

// What the collector is given through a log and replayed gives the metrics direct calls give.
TEST(PartLog, ReplayGivesTheCollectorWhatDirectCallsGive) {
  CollectorOptions options;
  options.hosts = 2;
  Collector direct(options), replayed(options);
  PartLog log;
  std::uint64_t idx = 0;
  const auto next = [&] { return at(0, 0, StampClass::kHost, 1, ++idx); };
  const SharedBytes bytes = make_bytes("HELLO\n");
  sim::DatagramView d;
  d.sent_ns = 10;
  d.src_host = 0;
  d.dst_host = 1;
  d.from = *Address::parse("10.0.0.1:4000");
  d.to = *Address::parse("10.0.0.2:4000");
  d.bytes = &bytes;
  Event e;
  e.kind = EventKind::kDropped;
  e.verb = Verb::kHello;
  e.reason = Reason::kRateLimited;
  e.peer = d.from;
  e.size = 6;
  sim::EventCause cause{sim::CauseKind::kDatagram, &d};
  for (Collector* c : {&direct}) {
    c->on_host_state(0, 0, true);
    (void)c->set_node_id(0, "node-a");
    c->on_send(10, d);
    c->on_delivery(20, d);
    c->on_event(20, 1, e, cause);
    c->on_drop(30, d, sim::DropReason::kLoss);
  }
  log.on_host_state(next(), 0, 0, true);
  log.node_id(next(), 0, "node-a");
  log.on_send(next(), 10, d);
  log.on_delivery(next(), 20, d);
  log.on_event(next(), 20, 1, e, cause);
  log.on_drop(next(), 30, d, sim::DropReason::kLoss);
  const std::vector<std::string> logs{log.take()};
  const MergedLogs merged = merge_part_logs(logs);
  for (const PartEntry& entry : merged.entries) EXPECT_TRUE(replay_into(entry, replayed));
  EXPECT_EQ(replayed.finish(40), direct.finish(40));
  const auto a = direct.node_rows();
  const auto b = replayed.node_rows();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t h = 0; h < a.size(); ++h) {
    EXPECT_EQ(a[h].datagrams_out, b[h].datagrams_out);
    EXPECT_EQ(a[h].bytes_in, b[h].bytes_in);
  }
  const auto drops_a = direct.diagnostics().drops;
  const auto drops_b = replayed.diagnostics().drops;
  ASSERT_EQ(drops_a.size(), drops_b.size());
  for (std::size_t i = 0; i < drops_a.size(); ++i) {
    EXPECT_EQ(drops_a[i].reason, drops_b[i].reason);
    EXPECT_EQ(drops_a[i].count, drops_b[i].count);
  }
}

}  // namespace
}  // namespace ptplab::scenarios
