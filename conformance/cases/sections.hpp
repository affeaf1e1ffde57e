// One function per section of cases; the registry calls them in spec order.
#pragma once

#include <vector>

#include "conformance/case.hpp"

namespace ptplab::conformance {

void add_head_cases(std::vector<Case>& cases);
void add_hello_cases(std::vector<Case>& cases);
void add_ack_cases(std::vector<Case>& cases);
void add_channel_cases(std::vector<Case>& cases);
void add_certificate_cases(std::vector<Case>& cases);
void add_key_cases(std::vector<Case>& cases);
void add_message_cases(std::vector<Case>& cases);
void add_connect_cases(std::vector<Case>& cases);
void add_routing_cases(std::vector<Case>& cases);
void add_robust_cases(std::vector<Case>& cases);

}  // namespace ptplab::conformance
