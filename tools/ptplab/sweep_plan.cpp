// --shard and --resume of ptplab sweep (see sweep_plan.hpp).
#include "tools/ptplab/sweep_plan.hpp"

#include <charconv>
#include <filesystem>
#include <map>
#include <utility>

#include "reports/merge.hpp"
#include "reports/sweep_shards.hpp"

namespace ptplab::cli {
namespace {

std::optional<std::size_t> decimal(std::string_view text) {
  std::size_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

Expected<Shard, std::string> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  const auto i = slash == std::string_view::npos ? std::nullopt : decimal(text.substr(0, slash));
  const auto n = slash == std::string_view::npos ? std::nullopt : decimal(text.substr(slash + 1));
  if (!i || !n) {
    return Unexpected("--shard " + std::string(text) +
                      ": expected I/N, two integers with 0 <= I < N (shard I of N: the runs whose index, "
                      "from 0 in sweep order, is I mod N)");
  }
  if (*n == 0 || *i >= *n) {
    return Unexpected("--shard " + std::string(text) + ": the shard index must be 0 to " +
                      (*n == 0 ? std::string("N-1, and N at least 1") : std::to_string(*n - 1)) +
                      " (shards are numbered from 0)");
  }
  return Shard{*i, *n};
}

Expected<std::vector<std::vector<reports::RunRow>>, std::string> match_sweep_runs(
    const std::string& report, std::string_view scenario, const std::string& plan,
    const std::vector<SweepRunSpec>& runs) {
  std::vector<std::vector<reports::RunRow>> out(runs.size());
  if (!std::filesystem::exists(report)) return out;
  auto reader = reports::ReportReader::open(report);
  if (!reader) return Unexpected(reader.error());
  auto rows = reader->list_runs();
  if (!rows) return Unexpected(report + ": " + rows.error());
  std::multimap<std::pair<std::string, std::string>, std::size_t> spec_of;
  for (std::size_t i = 0; i < runs.size(); ++i)
    spec_of.emplace(std::pair(runs[i].label, runs[i].document), i);
  for (const auto& r : *rows) {
    if (r.scenario != scenario) {
      return Unexpected(report + " holds run " + std::to_string(r.run_id) + " of scenario '" + r.scenario +
                        "', not of '" + std::string(scenario) + "': resume a sweep into its own report");
    }
    if (!r.sweep_plan.empty() && r.sweep_plan != plan) {
      return Unexpected(
          report + " holds run " + std::to_string(r.run_id) + " (" +
          (r.sweep_point.empty() ? std::string("not a sweep's") : "'" + r.sweep_point + "'") +
          ") of another sweep (another --set, sweep matrix or seed count: its sweep plan differs): "
          "resume a sweep into its own report");
    }
    const auto [first, last] = spec_of.equal_range(std::pair(r.sweep_point, r.scenario_text));
    if (first == last) {
      return Unexpected(report + " holds run " + std::to_string(r.run_id) + " (" +
                        (r.sweep_point.empty() ? std::string("not a sweep's") : "'" + r.sweep_point + "'") +
                        ") that is none of this sweep's runs: another --set, sweep matrix or --shard?");
    }
    for (auto it = first; it != last; ++it) out[it->second].push_back(r);
  }
  return out;
}

std::optional<reports::RunId> complete_run(const std::vector<reports::RunRow>& runs) {
  for (const auto& r : runs) {
    if (r.status == reports::run_status_name(reports::RunStatus::kComplete)) return r.run_id;
  }
  return std::nullopt;
}

reports::RunRow sweep_stamp(const std::vector<std::pair<std::string, std::string>>& all_runs,
                            const Shard& shard) {
  reports::RunRow stamp;
  stamp.sweep_plan = reports::sweep_plan_digest(all_runs);
  stamp.sweep_index = 0;
  stamp.sweep_runs = static_cast<std::int64_t>(all_runs.size());
  stamp.sweep_shard = std::to_string(shard.index) + "/" + std::to_string(shard.count);
  return stamp;
}

Expected<std::vector<std::string>, std::string> put_in_sweep_order(const std::string& report,
                                                                   std::string_view scenario,
                                                                   const std::vector<SweepRunSpec>& runs,
                                                                   const reports::RunRow& sweep) {
  const auto matched = match_sweep_runs(report, scenario, sweep.sweep_plan, runs);
  if (!matched) return Unexpected(matched.error());
  std::vector<reports::RunOf> order;
  std::vector<std::size_t> index_of;  // the sweep index of each run of `order`
  std::vector<std::string> dropped;
  for (std::size_t i = 0; i < matched->size(); ++i) {
    const auto& of = (*matched)[i];
    if (of.empty()) continue;
    const reports::RunId kept = complete_run(of).value_or(of.back().run_id);
    order.push_back({report, kept});
    index_of.push_back(runs[i].index);
    const auto status_of = [&](reports::RunId id) {
      for (const auto& r : of) {
        if (r.run_id == id) return r.status;
      }
      return std::string();
    };
    for (const auto& r : of) {
      if (r.run_id == kept) continue;
      dropped.push_back("dropped run " + std::to_string(r.run_id) + " (" + r.status + ") of '" +
                        runs[i].label + "': it keeps run " + std::to_string(kept) + " (" + status_of(kept) +
                        "), one run per sweep run");
    }
  }
  const std::string rewritten = report + ".resumed";
  std::error_code ignored;
  std::filesystem::remove(rewritten, ignored);
  const auto copied = reports::copy_runs(rewritten, order);
  if (!copied) {
    std::filesystem::remove(rewritten, ignored);
    return Unexpected("putting " + report + " in sweep order: " + copied.error());
  }
  for (std::size_t i = 0; i < copied->size(); ++i) {
    reports::RunRow stamp = sweep;
    stamp.sweep_index = static_cast<std::int64_t>(index_of[i]);
    if (auto s = reports::stamp_sweep_run(rewritten, (*copied)[i], stamp); !s) {
      std::filesystem::remove(rewritten, ignored);
      return Unexpected("putting " + report + " in sweep order: " + s.error());
    }
  }
  std::error_code ec;
  std::filesystem::rename(rewritten, report, ec);
  if (ec) return Unexpected("putting " + report + " in sweep order: " + ec.message());
  return dropped;
}

}  // namespace ptplab::cli
