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

}  // namespace

std::optional<int> parse_command_line(std::string_view name, int argc, char** argv,
                                      const po::options_description& visible,
                                      const po::options_description& all,
                                      const po::positional_options_description& positional,
                                      po::variables_map& vm) {
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
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
