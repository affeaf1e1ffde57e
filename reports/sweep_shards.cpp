// Sweep plan digests, the sweep columns of `run`, and ordering a sweep's shards (see
// sweep_shards.hpp).
#include "reports/sweep_shards.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>
#include <variant>

#include "reports/records/columns.hpp"
#include "reports/sha256.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::reports {
namespace {

// "I/N" with 0 <= I < N, as stamped; nullopt otherwise.
std::optional<std::pair<std::int64_t, std::int64_t>> parse_stamped_shard(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::int64_t i = 0, n = 0;
  const auto a = std::from_chars(text.data(), text.data() + slash, i);
  const auto b = std::from_chars(text.data() + slash + 1, text.data() + text.size(), n);
  if (a.ec != std::errc() || a.ptr != text.data() + slash || b.ec != std::errc() ||
      b.ptr != text.data() + text.size() || n < 1 || i < 0 || i >= n)
    return std::nullopt;
  return std::pair(i, n);
}

// "the sweep's run K" (K its index in sweep order, from 0).
std::string sweep_run_name(std::int64_t index) { return "the sweep's run " + std::to_string(index); }

}  // namespace

std::string sweep_plan_digest(const std::vector<std::pair<std::string, std::string>>& runs) {
  Sha256 hash;
  for (const auto& [label, document] : runs) {
    hash.update(label);
    hash.update("\x1f");
    hash.update(document);
    hash.update("\x1e");
  }
  return hash.hex();
}

Expected<std::monostate, std::string> stamp_sweep_run(const std::string& report, std::optional<RunId> run,
                                                      const RunRow& stamp) {
  if (!std::filesystem::exists(report)) return Unexpected("cannot open " + report + ": no such file");
  auto db = Database::open(report, /*create=*/true);  // read-write: the file exists
  if (!db) return Unexpected(db.error());
  std::string sets;
  for (const auto& c : kRunColumns) {
    if (c.write == RunWrite::kSweep) sets += (sets.empty() ? "" : ", ") + std::string(c.name) + " = ?";
  }
  auto stmt = db->prepare("UPDATE run SET " + sets + (run ? " WHERE run_id = ?" : ""));
  if (!stmt) return Unexpected(stmt.error());
  int index = 1;
  for (const auto& c : kRunColumns) {
    if (c.write != RunWrite::kSweep) continue;
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
            stmt->bind_null(index);
          } else {
            stmt->bind(index, v);
          }
        },
        c.get(stamp));
    ++index;
  }
  if (run) stmt->bind(index, std::int64_t{*run});
  (void)stmt->step();
  if (!stmt->error().empty())
    return Unexpected("marking the runs of " + report + " as a sweep's: " + stmt->error());
  return std::monostate{};
}

Expected<std::vector<RunOf>, std::string> order_shards(const std::vector<ShardInput>& inputs) {
  const std::string expected =
      "expected the reports of `ptplab sweep --shard I/N` for I = 0 to N-1 of one sweep, each once";
  if (inputs.empty()) return Unexpected("no report to merge: " + expected);
  std::string plan;
  std::int64_t count = 0, total = 0;
  std::map<std::int64_t, const ShardInput*> shard_files;  // shard index -> its file
  std::map<std::int64_t, RunOf> by_index;                 // sweep index -> the run
  std::string first_file;
  for (const auto& in : inputs) {
    if (in.runs.empty())
      return Unexpected(in.file + " holds no run, so it is no shard of a sweep: " + expected);
    const RunRow& head = in.runs.front();
    for (const auto& r : in.runs) {
      if (r.sweep_plan.empty() || !r.sweep_index || !r.sweep_runs || !parse_stamped_shard(r.sweep_shard)) {
        return Unexpected(in.file + ": run " + std::to_string(r.run_id) +
                          " is not a run of a sweep (no sweep_plan and sweep_shard: written by ptplab run or "
                          "suite, or by a ptplab before report schema 4): " +
                          expected);
      }
      if (r.sweep_plan != head.sweep_plan || r.sweep_shard != head.sweep_shard) {
        return Unexpected(in.file + " holds runs of shard " + head.sweep_shard + " and of shard " +
                          r.sweep_shard + (r.sweep_plan != head.sweep_plan ? " of another sweep" : "") +
                          " (run " + std::to_string(r.run_id) +
                          "): a merged report, not one shard: " + expected);
      }
    }
    const auto [index, n] = *parse_stamped_shard(head.sweep_shard);
    if (plan.empty()) {
      plan = head.sweep_plan;
      count = n;
      total = *head.sweep_runs;
      first_file = in.file;
    } else if (head.sweep_plan != plan || *head.sweep_runs != total) {
      return Unexpected(in.file + " is a shard of another sweep than " + first_file +
                        " (another scenario, --set, sweep matrix or seeds: sweep plan " +
                        head.sweep_plan.substr(0, 12) + " against " + plan.substr(0, 12) + "): " + expected);
    } else if (n != count) {
      return Unexpected(in.file + " is shard " + head.sweep_shard + " but " + first_file + " is one of " +
                        std::to_string(count) + " shards: " + expected);
    }
    if (const auto [it, fresh] = shard_files.emplace(index, &in); !fresh) {
      return Unexpected(in.file + " and " + it->second->file + " are both shard " + head.sweep_shard +
                        " (a shard given twice): " + expected);
    }
    for (const auto& r : in.runs) {
      const std::int64_t k = *r.sweep_index;
      if (k < 0 || k >= total || k % count != index) {
        return Unexpected(in.file + ": run " + std::to_string(r.run_id) + " is " + sweep_run_name(k) +
                          ", which is not of shard " + head.sweep_shard + " of a sweep of " +
                          std::to_string(total) + " runs: " + expected);
      }
      // A run stopped early (Ctrl-C) or never ended is not the sweep's result: --resume reruns it.
      if (const auto st = parse_run_status(r.status);
          !st || *st == RunStatus::kInterrupted || *st == RunStatus::kRunning) {
        return Unexpected(in.file + ": run " + std::to_string(r.run_id) + " (" + sweep_run_name(k) + ") is " +
                          (r.status.empty() ? std::string("without a status") : r.status) +
                          ", not a finished run: complete shard " + head.sweep_shard +
                          " first with `ptplab sweep ... --shard " + head.sweep_shard + " --resume` into " +
                          in.file);
      }
      if (const auto [it, fresh] = by_index.emplace(k, RunOf{in.file, r.run_id}); !fresh) {
        return Unexpected(in.file + " holds " + sweep_run_name(k) + " twice (runs " +
                          std::to_string(it->second.run) + " and " + std::to_string(r.run_id) +
                          "): expected each run of the shard once");
      }
    }
  }
  for (std::int64_t i = 0; i < count; ++i) {
    if (shard_files.count(i) == 0) {
      return Unexpected("shard " + std::to_string(i) + "/" + std::to_string(count) + " of the sweep of " +
                        first_file + " is missing: " + expected);
    }
  }
  std::vector<RunOf> out;
  for (std::int64_t k = 0; k < total; ++k) {
    const auto it = by_index.find(k);
    if (it == by_index.end()) {
      const std::int64_t shard = k % count;
      const std::string which = std::to_string(shard) + "/" + std::to_string(count);
      return Unexpected(shard_files[shard]->file + " (shard " + which + ") lacks " + sweep_run_name(k) +
                        " of " + std::to_string(total) +
                        ": an incomplete shard; complete it with ptplab sweep ... --shard " + which +
                        " --resume --report " + shard_files[shard]->file);
    }
    out.push_back(it->second);
  }
  return out;
}

}  // namespace ptplab::reports
