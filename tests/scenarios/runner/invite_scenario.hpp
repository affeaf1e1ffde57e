// A small run of the invite-discovery preset (PROTOCOL.md "Presets"): 200 nodes (2 servers, 198
// clients, 60% public, 30% full cone, 10% restricted NAT) on a random 6-regular overlay, 30 s, two
// channels of 20 client members each, under member-mesh, bounded-routing and channel_discovery
// "invite". Shared by the runner tests of this folder.
#pragma once

namespace ptplab::scenarios::test_support {

inline constexpr const char* kInviteScenario = R"({
  "name": "invite-200", "seed": 5, "duration": "30s",
  "network": {"latency": {"model": "uniform", "min": "20ms", "max": "80ms"},
              "nat": {"mix": {"public": 0.6, "full_cone": 0.3, "restricted": 0.1}}},
  "nodes": [
    {"name": "servers", "count": 2, "role": "server", "placement": "public",
     "params": {"propagation": "mesh", "channel_discovery": "invite", "routing_advert": "sample",
                "routing_greetings_max": 0}},
    {"name": "clients", "count": 198, "placement": "nat",
     "params": {"propagation": "mesh", "channel_discovery": "invite", "routing_advert": "sample",
                "routing_greetings_max": 0}}],
  "topology": {"random_regular": {"degree": 6}},
  "workload": {"channels": [
    {"name": "room0", "members": {"groups": ["clients"], "share": 0.1},
     "messages": {"rate_per_s": 1, "size": 200, "start": "10s"}},
    {"name": "room1", "members": {"groups": ["clients"], "share": 0.1},
     "messages": {"rate_per_s": 1, "size": 200, "start": "10s"}}]}
})";

}  // namespace ptplab::scenarios::test_support
