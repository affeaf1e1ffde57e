// `ptplab lint FILE|-`: is this datagram valid ptpchat? Decodes one datagram per file (or one
// JSON document per line with --lines) with the engine's codec and prints the verdict of each.
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <variant>

#include "engine/core/address.hpp"
#include "engine/wire/codec.hpp"
#include "scenarios/format/json_error_place.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

constexpr std::size_t kLintInputBytesMax = std::size_t{64} << 20;  // a linter input, not a capture

// What lint says of the first ROUTING entry whose address is not the spec's "a.b.c.d:port" with
// a port in 1..65535 ("bad_value /msg_data/nodes/I/address: ..."), or "". The decoder keeps
// addresses as text and a receiver skips such an entry (engine/PROTOCOL.md, ROUTING), so the
// datagram decodes: only lint says it (a port of 65536 + p, -p or 2^32 + p was "ok ROUTING").
std::string routing_address_finding(const wire::Message& m) {
  const auto* routing = std::get_if<wire::Routing>(&m);
  if (!routing) return "";
  for (std::size_t i = 0; i < routing->nodes.size(); ++i) {
    const std::string& text = routing->nodes[i].address;
    const auto address = Address::parse(text);
    if (address && address->port != 0) continue;
    return std::string(wire::decode_error_code_name(Reason::kBadValue)) + " /msg_data/nodes/" +
           std::to_string(i) + "/address: expected \"a.b.c.d:port\" with a port in 1..65535, found \"" +
           text + "\" (a receiver skips this entry)";
  }
  return "";
}

// The verdict line of one datagram: "ok VERB" or "<code> <pointer>: <sentence>".
std::string verdict(std::string_view bytes, bool& valid) {
  const auto r = wire::decode(bytes);
  valid = r.has_value();
  if (valid) {
    std::string finding = routing_address_finding(*r);
    valid = finding.empty();
    return valid ? "ok " + std::string(wire::verb_name(wire::verb_of(*r))) : finding;
  }
  std::string line(wire::decode_error_code_name(r.error().code));
  if (!r.error().pointer.empty()) line += " " + r.error().pointer;
  line += ": " + r.error().detail;
  // The decoder (simdjson) does not say which number is beyond a double; a second parse does.
  if (r.error().code == Reason::kNotJson) {
    if (const auto place = scenarios::json_error_place(bytes); place && place->number_overflow)
      line += " (the number " + place->token + " at " + place->to_string() + " is beyond a double)";
  }
  return line;
}

// Reads all of `path` ("-" is standard input) up to the input bound; false on failure.
bool read_input(const std::string& path, std::string& out) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "ptplab lint: cannot open %s\n", path.c_str());
      return false;
    }
    in = &file;
  }
  char buf[65536];
  while (in->read(buf, sizeof buf) || in->gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in->gcount()));
    if (out.size() > kLintInputBytesMax) {
      std::fprintf(stderr, "ptplab lint: %s is larger than %zu bytes\n", path.c_str(), kLintInputBytesMax);
      return false;
    }
  }
  return true;
}

int lint(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab lint [--lines] FILE|-\n\n"
      "Checks ptpchat datagrams against the spec as ptplab reads it (engine/PROTOCOL.md).\n"
      "Prints 'ok VERB' per valid datagram, else '<code> <pointer>: <reason>'.\n"
      "Exit status: 0 all valid, 1 some invalid, 2 usage or input error.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "lines", "one JSON document per line (blank lines are skipped); errors name the line");
  po::options_description all;
  all.add(visible).add_options()("input", po::value<std::vector<std::string>>(), "FILE or - for stdin");
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  if (const auto stop = parse_command_line("lint", argc, argv, visible, all, positional, vm)) return *stop;
  if (!vm.count("input") || vm["input"].as<std::vector<std::string>>().size() != 1) {
    std::fprintf(stderr, "ptplab lint: expected exactly one FILE or - (see ptplab lint --help)\n");
    return 2;
  }
  std::string bytes;
  if (!read_input(vm["input"].as<std::vector<std::string>>().front(), bytes)) return 2;

  bool all_valid = true;
  if (!vm.count("lines")) {
    const std::string line = verdict(bytes, all_valid);
    std::printf("%s\n", line.c_str());
    return all_valid ? 0 : 1;
  }
  std::istringstream lines(bytes);
  std::size_t number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    bool valid = false;
    const std::string v = verdict(line, valid);
    if (valid) {
      std::printf("%s\n", v.c_str());
    } else {
      std::printf("line %zu: %s\n", number, v.c_str());
      all_valid = false;
    }
  }
  return all_valid ? 0 : 1;
}

}  // namespace

PTPLAB_COMMAND("lint", "check ptpchat datagrams against the spec (one per file, or --lines)", lint);

}  // namespace ptplab::cli
