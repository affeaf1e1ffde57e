// Forged MESSAGE datagrams.
#include "scenarios/adversaries/forge.hpp"

#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {

wire::ChatMessage forged_message(Rng& rng, std::string node_id, std::string msg_id,
                                 std::size_t envelope_bytes, TimeNs now) {
  wire::ChatMessage m;
  m.msg_id = std::move(msg_id);
  m.node_id = std::move(node_id);
  m.timestamp = now / kMillisecond;
  m.channel = "general";
  m.channel_id = random_uuid4(rng);
  m.message = random_bytes(rng, envelope_bytes);
  return m;
}

}  // namespace ptplab::scenarios
