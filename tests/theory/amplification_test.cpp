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

// A 6 s run: two servers, eight clients, one attacker of `behaviour` (spoofed `verb`).
std::string scenario(const std::string& behaviour, const std::string& verb, bool anti_amplification) {
  const std::string params =
      std::string(R"({"anti_amplification_enabled": )") + (anti_amplification ? "true" : "false") + "}";
  const std::string attack_params = verb.empty() ? "{}" : R"({"verb": ")" + verb + R"("})";
  return R"({"name": "amplification", "seed": 3, "duration": "6s", "record": "summary",
    "network": {"latency": {"model": "constant", "delay": "10ms"}},
    "nodes": [{"name": "servers", "count": 2, "role": "server", "placement": "public", "params": )" +
         params + R"(},
              {"name": "clients", "count": 8, "placement": "public", "params": )" +
         params + R"(}],
    "attackers": [{"name": "a", "behaviour": ")" +
         behaviour + R"(", "target": "servers", "rate_per_s": 200, "start": "2s", "params": )" +
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
constexpr Attack kAttacks[] = {{"spoofed_flood", "GETCERTIFICATE"},
                               {"spoofed_flood", "HELLO"},
                               {"spoofed_flood", "GETKEY"},
                               {"connect_reflection", ""}};

TEST(AmplificationTheory, NoVerbAmplifiesAboveThreeWithTheRuleOn) {
  for (const auto& a : kAttacks) {
    const double f = amplification(a.behaviour, a.verb, true);
    std::cout << "[ amplification ] rule on  " << a.behaviour << " " << a.verb << ": " << f << "x\n";
    EXPECT_GE(f, 0.0);
    EXPECT_LE(f, 3.0) << a.behaviour << " " << a.verb;
  }
}

TEST(AmplificationTheory, FactorWithTheRuleOffIsMeasured) {
  for (const auto& a : kAttacks) {
    const double f = amplification(a.behaviour, a.verb, false);
    std::cout << "[ amplification ] rule off " << a.behaviour << " " << a.verb << ": " << f << "x\n";
    EXPECT_GE(f, 0.0) << a.behaviour << " " << a.verb;
  }
}

}  // namespace
}  // namespace ptplab::theory
