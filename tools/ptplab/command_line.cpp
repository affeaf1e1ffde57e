#include "tools/ptplab/command_line.hpp"

#include <cstdio>
#include <iostream>
#include <string>

namespace ptplab::cli {

namespace po = boost::program_options;

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
    std::fprintf(stderr, "ptplab %s: %s (see ptplab %s --help)\n", n.c_str(), e.what(), n.c_str());
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return 0;
  }
  return std::nullopt;
}

}  // namespace ptplab::cli
