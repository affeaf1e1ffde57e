// Parsing a subcommand's command line, the same way for every subcommand.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string_view>

namespace ptplab::cli {

/// Parses argv (argv[0] is the subcommand NAME) against `all`, with `positional` naming the
/// arguments without an option, into `vm`.
/// Returns the exit status to stop with, or nullopt to go on:
/// - 0 after `--help` (an option `help` must exist in `visible`), which prints `visible` to stdout;
/// - 2 on a usage error (unknown option, missing value, a value of the wrong type), printed to
///   stderr as "ptplab NAME: what (see ptplab NAME --help)", naming the option; an unknown option
///   close to a known one adds "; did you mean --OPTION?".
[[nodiscard]] std::optional<int> parse_command_line(
    std::string_view name, int argc, char** argv, const boost::program_options::options_description& visible,
    const boost::program_options::options_description& all,
    const boost::program_options::positional_options_description& positional,
    boost::program_options::variables_map& vm);

}  // namespace ptplab::cli
