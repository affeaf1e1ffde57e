#include "tools/ptplab/command_line.hpp"

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "engine/core/did_you_mean.hpp"

namespace ptplab::cli {

namespace po = boost::program_options;

namespace {

// "; did you mean --NAME?" for an unknown option close to one of `all`'s long names, else "".
std::string suggestion(const po::error& e, const po::options_description& all) {
  const auto* unknown = dynamic_cast<const po::unknown_option*>(&e);
  if (unknown == nullptr) return "";
  std::string given = unknown->get_option_name();
  given.erase(0, given.find_first_not_of('-'));
  std::vector<std::string_view> names;
  for (const auto& o : all.options()) {
    if (!o->long_name().empty()) names.push_back(o->long_name());
  }
  const std::string close = closest_name(given, names);
  return close.empty() ? "" : "; did you mean --" + close + "?";
}

// Whether `o` takes an unsigned integer, which Boost's lexical_cast would wrap from "-5".
bool unsigned_option(const po::option_description& o) {
  const auto* s = o.semantic().get();
  return dynamic_cast<const po::typed_value<unsigned long>*>(s) != nullptr ||
         dynamic_cast<const po::typed_value<unsigned long long>*>(s) != nullptr ||
         dynamic_cast<const po::typed_value<unsigned int>*>(s) != nullptr ||
         dynamic_cast<const po::typed_value<unsigned short>*>(s) != nullptr;
}

// The first unsigned option given a negative value, as "--NAME: expected a non-negative integer,
// found \"-5\"" (empty when none).
std::string negative_unsigned(const po::parsed_options& parsed, const po::options_description& all) {
  for (const auto& o : parsed.options) {
    const auto* d = all.find_nothrow(o.string_key, false);
    if (d == nullptr || !unsigned_option(*d)) continue;
    for (const auto& v : o.value) {
      const auto first = v.find_first_not_of(" \t");
      if (first != std::string::npos && v[first] == '-')
        return "--" + o.string_key + ": expected a non-negative integer, found \"" + v + "\"";
    }
  }
  return "";
}

}  // namespace

std::optional<int> parse_command_line(std::string_view name, int argc, char** argv,
                                      const po::options_description& visible,
                                      const po::options_description& all,
                                      const po::positional_options_description& positional,
                                      po::variables_map& vm) {
  try {
    const auto parsed = po::command_line_parser(argc, argv).options(all).positional(positional).run();
    if (const auto negative = negative_unsigned(parsed, all); !negative.empty()) {
      const std::string n(name);
      std::fprintf(stderr, "ptplab %s: %s (see ptplab %s --help)\n", n.c_str(), negative.c_str(), n.c_str());
      return 2;
    }
    po::store(parsed, vm);
    po::notify(vm);
  } catch (const po::error& e) {
    const std::string n(name);
    std::fprintf(stderr, "ptplab %s: %s%s (see ptplab %s --help)\n", n.c_str(), e.what(),
                 suggestion(e, all).c_str(), n.c_str());
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return 0;
  }
  return std::nullopt;
}

}  // namespace ptplab::cli
