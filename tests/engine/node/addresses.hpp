// Hand-built addresses for the component tests: three neighbours on 10.0.0.0/24 and two nodes
// farther away, behind other NATs.
#pragma once

#include "engine/core/address.hpp"

namespace ptplab::engine::test {

inline const Address kPeer1{0x0a000001, 4000};  // 10.0.0.1:4000
inline const Address kPeer2{0x0a000002, 4000};  // 10.0.0.2:4000
inline const Address kPeer3{0x0a000003, 4000};  // 10.0.0.3:4000
inline const Address kFar1{0xc0a80001, 5000};   // 192.168.0.1:5000
inline const Address kFar2{0xc0a80002, 5000};   // 192.168.0.2:5000

}  // namespace ptplab::engine::test
