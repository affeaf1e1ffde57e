// What each simulated node holds for its state: NodeState fits the 640-byte size class of a
// size-class allocator (mimalloc's classes around it are 512, 640 and 768 bytes), and a pending
// retransmission is 56 bytes (reports/BENCHMARKS.md, "[P] idle memory, session 15": 656 and
// 88 bytes before; with 8,000 nodes each byte of NodeState is 8 KB).
#include <gtest/gtest.h>

#include "engine/node/node_state.hpp"

namespace ptplab::engine::test {
namespace {

TEST(NodeStateSize, FitsTheSixHundredFortyByteClass) { EXPECT_LE(sizeof(NodeState), 640u); }

TEST(NodeStateSize, APendingRetransmissionIsFiftySixBytes) { EXPECT_LE(sizeof(Pending), 56u); }

}  // namespace
}  // namespace ptplab::engine::test
