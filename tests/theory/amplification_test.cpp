// Amplification (Rossow, "Amplification Hell": bytes induced at honest nodes / bytes the attacker
// sent) measured by real runs: spoofed GETCERTIFICATE, HELLO and GETKEY floods and CONNECT
// reflection against ten honest nodes. With the anti-amplification rule on, no verb may
// amplify above its 3x bound; with it off, the factor is measured and printed.
#include <gtest/gtest.h>

#include <iostream>
#include <string>

#include "scenarios/format/loader.hpp"
#include "scenarios/runner/run.hpp"

namespace ptplab::theory {
namespace {

// A 6 s run: two servers and eight clients peered with both (explicit edges), and a public
// victim that no honest node talks to, so every byte that reaches it was caused by the
// attacker. The attacker sends `verb` requests to the honest nodes (reflectors) with the
// victim's address as their source (or CONNECTs naming the victim).
std::string scenario(const std::string& behaviour, const std::string& verb, bool anti_amplification) {
  const std::string params =
      std::string(R"({"anti_amplification_enabled": )") + (anti_amplification ? "true" : "false") + "}";
  const std::string attack_params = verb.empty() ? "{}" : R"({"verb": ")" + verb + R"("})";
  return R"({"name": "amplification", "seed": 3, "duration": "6s", "record": "summary",
    "network": {"latency": {"model": "constant", "delay": "10ms"}},
    "nodes": [{"name": "servers", "count": 2, "role": "server", "placement": "public", "params": )" +
         params + R"(},
              {"name": "clients", "count": 8, "placement": "public", "params": )" +
         params + R"(},
              {"name": "victim", "count": 1, "placement": "public"}],
    "topology": {"edges": [[0, 1],[2, 0], [2, 1],[3, 0], [3, 1],[4, 0], [4, 1],[5, 0], [5, 1],[6, 0], [6, 1],[7, 0], [7, 1],[8, 0], [8, 1],[9, 0], [9, 1]]},
    "attackers": [{"name": "a", "behaviour": ")" +
         behaviour + R"(", "target": "victim", "rate_per_s": 200, "start": "2s", "params": )" +
         attack_params + R"(}]})";
}

double amplification(const std::string& behaviour, const std::string& verb, bool on) {
  auto s = scenarios::load_scenario(scenario(behaviour, verb, on));
  EXPECT_TRUE(s) << (s ? "" : s.error().front().to_string());
  if (!s) return -1;
  auto r = scenarios::run_scenario(*s, {});
  EXPECT_TRUE(r) << (r ? "" : r.error());
  if (!r) return -1;
  const auto it = r->metrics.find("amplification_factor");
  EXPECT_NE(it, r->metrics.end());
  return it == r->metrics.end() ? -1 : it->second;
}

struct Attack {
  const char* behaviour;
  const char* verb;
};
// The attacks the anti-amplification rule holds below its bound.
constexpr Attack kBounded[] = {{"spoofed_flood", "HELLO"},
                               {"spoofed_flood", "GETKEY"},
                               {"spoofed_flood", "GETCERTIFICATE"},
                               {"connect_reflection", ""}};

TEST(AmplificationTheory, NoVerbAmplifiesAboveThreeWithTheRuleOn) {
  for (const auto& a : kBounded) {
    const double f = amplification(a.behaviour, a.verb, true);
    std::cout << "[ amplification ] rule on  " << a.behaviour << " " << a.verb << ": " << f << "x\n";
    EXPECT_GE(f, 0.0);
    EXPECT_LE(f, 3.0) << a.behaviour << " " << a.verb;
  }
}

// What the rule itself sends the victim of a spoofed HELLO flood under the default
// address_validation "ack": each reflector that answered a forged HELLO probes the victim's
// address once (a 139-byte GETCERTIFICATE, PROTOCOL.md R31), which the victim, a real node here,
// ACKs. Ten reflectors against a 4 s, 200/s flood of ~100-byte HELLOs: 1,390 / 80,000 = 0.017x
// (measured: 0.078x on, 0.072x off).
constexpr double kProbeAllowance = 0.02;

TEST(AmplificationTheory, TurningTheRuleOffNeverLowersTheFactor) {
  for (const auto& a : kBounded) {
    const double on = amplification(a.behaviour, a.verb, true);
    const double off = amplification(a.behaviour, a.verb, false);
    std::cout << "[ amplification ] rule off " << a.behaviour << " " << a.verb << ": " << off << "x\n";
    const double allowance = std::string(a.verb) == "HELLO" ? kProbeAllowance : 0.0;
    EXPECT_GE(off + allowance, on) << a.behaviour << " " << a.verb;
  }
}

}  // namespace
}  // namespace ptplab::theory
