// merge_report and copy_runs: ATTACH a source, then INSERT ... SELECT table by table with the
// new run id.
#include "reports/merge.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "reports/records/columns.hpp"
#include "reports/report_file.hpp"
#include "reports/schema.hpp"
#include "reports/sqlite_db.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports {
namespace {

std::string column_list(std::span<const std::string_view> columns) {
  std::string out;
  for (const auto c : columns) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

// Where run `id` of the attached `src` joins a run of main: a run whose writer lost the lock of
// main part-way (writer.hpp, Diversion) is in two parts, its first rows in main's file (status
// `running`) and the rest in a pending report, both with the same scenario, text, seed, version,
// start and sweep point. Either part may reach a report first: a finished run meets its `running`
// first rows, or a `running` part meets the finished rest (then the end columns stay).
struct JoinTarget {
  RunId run = 0;          // 0: no part of the run is in main
  bool take_end = false;  // src holds the run's end (status, finished, ...)
  RunId overlaps = 0;     // a run of main that looked like the other part but shares rows with it
};

// Whether run `a` of main and run `b` of src hold rows of the same run parameter, node or message:
// the two parts of one run never do (each row is written once, before or after the lock was
// lost), two runs do (review 14 M2: two processes of one scenario and seed, started in the same
// second, one killed after its first batch: joined, every figure counted twice).
Expected<bool, std::string> rows_overlap(Database& db, RunId a, RunId b) {
  auto q = db.prepare(
      "SELECT EXISTS (SELECT 1 FROM main.run_param m JOIN src.run_param s ON s.name = m.name "
      "WHERE m.run_id = ?1 AND s.run_id = ?2) OR EXISTS (SELECT 1 FROM main.node m JOIN src.node s "
      "ON s.node = m.node WHERE m.run_id = ?1 AND s.run_id = ?2) OR EXISTS (SELECT 1 FROM main.message "
      "m JOIN src.message s ON s.msg_id = m.msg_id WHERE m.run_id = ?1 AND s.run_id = ?2)");
  if (!q) return Unexpected(q.error());
  q->bind(1, std::int64_t{a});
  q->bind(2, std::int64_t{b});
  const bool overlap = q->step() && q->int64(0) != 0;
  if (!q->error().empty()) return Unexpected(q->error());
  return overlap;
}

// One such part in main is it; of several (the same scenario and seed started in the same
// second), the one with the same id, else none. A candidate holding rows the part holds too
// (rows_overlap) is another run: not joined.
Expected<JoinTarget, std::string> join_target(Database& db, RunId id) {
  auto status = db.prepare("SELECT status FROM src.run WHERE run_id = ?");
  if (!status) return Unexpected(status.error());
  status->bind(1, std::int64_t{id});
  const bool rest = status->step() && status->text(0) != "running";
  if (!status->error().empty()) return Unexpected(status->error());
  auto q =
      db.prepare(std::string("SELECT m.run_id FROM main.run m JOIN src.run s ON s.run_id = ? WHERE ") +
                 (rest ? "m.status = 'running'" : "m.status <> 'running'") +
                 " AND m.scenario = s.scenario AND m.scenario_text = s.scenario_text AND m.seed = s.seed "
                 "AND m.version = s.version AND m.started = s.started AND m.sweep_point = s.sweep_point "
                 "ORDER BY m.run_id");
  if (!q) return Unexpected(q.error());
  q->bind(1, std::int64_t{id});
  std::vector<RunId> found;
  while (q->step()) found.push_back(q->int64(0));
  if (!q->error().empty()) return Unexpected(q->error());
  RunId run = 0;
  if (found.size() == 1) {
    run = found.front();
  } else if (std::find(found.begin(), found.end(), id) != found.end()) {
    run = id;
  }
  if (run != 0) {
    const auto overlap = rows_overlap(db, run, id);
    if (!overlap) return Unexpected(overlap.error());
    if (*overlap) return JoinTarget{0, false, run};
  }
  return JoinTarget{run, rest};
}

// The run of main that is run `id` of the attached `src` copied or joined before (the same
// columns, its end included: a finished run), or 0. `report merge --append` pasted twice, or two
// at once, would count it twice (review 14 S2: checked inside the write transaction).
Expected<RunId, std::string> held_before(Database& db, RunId id) {
  auto q = db.prepare(
      "SELECT m.run_id FROM main.run m JOIN src.run s ON s.run_id = ? WHERE s.status <> 'running' "
      "AND m.status = s.status AND m.scenario = s.scenario AND m.scenario_text = s.scenario_text "
      "AND m.seed = s.seed AND m.version = s.version AND m.started IS s.started AND m.finished IS "
      "s.finished AND m.events IS s.events AND m.sweep_point IS s.sweep_point AND m.wall_seconds IS "
      "s.wall_seconds ORDER BY m.run_id LIMIT 1");
  if (!q) return Unexpected(q.error());
  q->bind(1, std::int64_t{id});
  const RunId held = q->step() ? q->int64(0) : 0;
  if (!q->error().empty()) return Unexpected(q->error());
  return held;
}

// The files copy_run copies between, named in its sentences, and where its notes go.
struct CopyNames {
  const std::string& destination;
  const std::string& source;
  std::vector<std::string>* notes = nullptr;
};

// Copies run `old_id` of the attached `src` with all its rows; its id in main. With `join`, a run
// main holds already (held_before) is refused, and a part of a run whose other part is in main
// (join_target()) is joined to it: its rows are added to that run, and the finished part's end
// columns (status, finished, ...) replace the `running` row's.
Expected<RunId, std::string> copy_run(Database& db, RunId old_id, bool join, const CopyNames& files) {
  auto exists = db.prepare("SELECT count(*) FROM src.run WHERE run_id = ?");
  if (!exists) return Unexpected(exists.error());
  exists->bind(1, std::int64_t{old_id});
  if (!exists->step() || exists->int64(0) == 0) return Unexpected(std::string("no such run"));
  if (join) {
    const auto held = held_before(db, old_id);
    if (!held) return Unexpected(held.error());
    if (*held != 0) {
      return Unexpected("it is already in " + files.destination + " as run " + std::to_string(*held) +
                        " (appended or joined before)");
    }
  }
  // The run columns `src` has: a report of an earlier schema (schema_upgrade.hpp) lacks the later
  // ones, which then take main's defaults.
  std::vector<std::string_view> present, ends;
  {
    auto info = db.prepare("SELECT name FROM pragma_table_info('run', 'src')");
    if (!info) return Unexpected(info.error());
    std::vector<std::string> names;
    while (info->step()) names.push_back(info->text(0));
    if (!info->error().empty()) return Unexpected(info->error());
    for (const auto c : run_columns())
      if (std::find(names.begin(), names.end(), c) != names.end()) present.push_back(c);
    for (const auto& c : kRunColumns) {
      if ((c.write == RunWrite::kEnd || c.write == RunWrite::kBoth) &&
          std::find(names.begin(), names.end(), c.name) != names.end())
        ends.push_back(c.name);
    }
  }
  RunId new_id = 0;
  const auto joined = join ? join_target(db, old_id) : Expected<JoinTarget, std::string>(JoinTarget{});
  if (!joined) return Unexpected(joined.error());
  if (joined->overlaps != 0 && files.notes) {
    files.notes->push_back(
        "run " + std::to_string(old_id) + " of " + files.source + " looks like the other part of run " +
        std::to_string(joined->overlaps) + " of " + files.destination +
        " (same scenario, seed and start) but both hold rows of the same run parameters, "
        "nodes or messages: two runs, not one split by a lost lock; appended as a run of its own");
  }
  if (joined->run != 0) {
    if (joined->take_end) {
      const std::string end_cols = column_list(ends);
      auto update = db.prepare("UPDATE main.run SET (" + end_cols + ") = (SELECT " + end_cols +
                               " FROM src.run WHERE run_id = ?1) WHERE run_id = ?2");
      if (!update) return Unexpected(update.error());
      update->bind(1, std::int64_t{old_id});
      update->bind(2, std::int64_t{joined->run});
      (void)update->step();
      if (!update->error().empty()) return Unexpected(update->error());
    }
    new_id = joined->run;
  } else {
    const std::string run_cols = column_list(present);
    auto insert = db.prepare("INSERT INTO main.run (" + run_cols + ") SELECT " + run_cols +
                             " FROM src.run WHERE run_id = ?");
    if (!insert) return Unexpected(insert.error());
    insert->bind(1, std::int64_t{old_id});
    (void)insert->step();
    if (!insert->error().empty()) return Unexpected(insert->error());
    new_id = db.last_insert_rowid();
  }
  for (const auto& t : run_tables()) {
    const std::string cols = column_list(t.columns);
    const std::string name(t.name);
    auto rows = db.prepare("INSERT INTO main." + name + " (run_id, " + cols + ") SELECT ?1, " + cols +
                           " FROM src." + name + " WHERE run_id = ?2 ORDER BY rowid");
    if (!rows) return Unexpected(rows.error());
    rows->bind(1, std::int64_t{new_id});
    rows->bind(2, std::int64_t{old_id});
    (void)rows->step();
    if (!rows->error().empty()) return Unexpected(rows->error());
  }
  return new_id;
}

Status copy_all_runs(Database& db, const CopyNames& names, std::vector<RunId>& copied) {
  std::vector<RunId> runs;
  auto ids = db.prepare("SELECT run_id FROM src.run ORDER BY run_id");
  if (!ids) return Unexpected(ids.error());
  while (ids->step()) runs.push_back(ids->int64(0));
  if (!ids->error().empty()) return Unexpected(ids->error());
  for (const RunId old_id : runs) {
    auto id = copy_run(db, old_id, /*join=*/false, names);
    if (!id) return Unexpected(id.error());
    copied.push_back(*id);
  }
  const std::string cols = column_list(run_tables().back().columns);
  return db.exec("INSERT INTO main.conformance_result (" + cols + ") SELECT " + cols +
                 " FROM src.conformance_result WHERE run_id IS NULL ORDER BY rowid");
}

// The destination, created with the schema (or its version checked), opened for writing.
Expected<Database, std::string> open_destination(const std::string& destination) {
  if (auto writer = ReportWriter::open(destination); !writer) return Unexpected(writer.error());
  return Database::open(destination, /*create=*/true);
}

Status attach(Database& db, const std::string& source) {
  // Checked as a report first (schema, numbers where ptplab writes numbers): its rows are copied.
  if (auto src = open_report_file(source); !src) return Unexpected(src.error());
  auto attach = db.prepare("ATTACH DATABASE ? AS src");
  if (!attach) return Unexpected(attach.error());
  attach->bind(1, source);
  (void)attach->step();
  if (!attach->error().empty()) return Unexpected("cannot read " + source + ": " + attach->error());
  return std::monostate{};
}

// BEGIN IMMEDIATE on `db`: true once it holds the write lock on the file at `destination`'s path;
// false (rolled back) when that file was replaced since `db` opened it (`report merge --replace`
// renamed a new report over it: rows written now would go to the old one, gone with it) and
// `attempt` is under a few; the caller opens the path again.
Expected<bool, std::string> begin_write(Database& db, const std::string& destination, int attempt) {
  if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return Unexpected(s.error());
  if (!db.file_replaced()) return true;
  (void)db.exec("ROLLBACK");
  if (attempt < 3) return false;
  return Unexpected(destination +
                    " was replaced by another process each time it was opened: nothing written");
}

}  // namespace

Expected<std::vector<RunId>, std::string> merge_report(const std::string& destination,
                                                       const std::string& source) {
  for (int attempt = 0;; ++attempt) {
    auto db = open_destination(destination);
    if (!db) return Unexpected(db.error());
    if (auto s = attach(*db, source); !s) return Unexpected(s.error());
    const auto began = begin_write(*db, destination, attempt);
    if (!began) return Unexpected(began.error());
    if (!*began) continue;  // replaced since it was opened: the file now at its path
    std::vector<RunId> copied;
    if (auto s = copy_all_runs(*db, {destination, source}, copied); !s) {
      (void)db->exec("ROLLBACK");
      return Unexpected("merging " + source + ": " + s.error());
    }
    if (auto s = db->exec("COMMIT"); !s) return Unexpected(s.error());
    return copied;
  }
}

Expected<std::vector<RunId>, std::string> copy_runs(const std::string& destination,
                                                    const std::vector<RunOf>& runs, bool join_continued,
                                                    std::vector<std::string>* notes) {
  auto db = open_destination(destination);
  if (!db) return Unexpected(db.error());
  std::vector<RunId> copied;
  for (std::size_t i = 0, attempt = 0; i < runs.size();) {
    // The runs from one source in a row: one ATTACH, one transaction.
    std::size_t end = i;
    while (end < runs.size() && runs[end].report == runs[i].report) ++end;
    if (auto s = attach(*db, runs[i].report); !s) return Unexpected(s.error());
    const auto began = begin_write(*db, destination, static_cast<int>(attempt));
    if (!began) return Unexpected(began.error());
    if (!*began) {  // replaced since it was opened: the same runs into the file now at its path
      ++attempt;
      db = open_destination(destination);
      if (!db) return Unexpected(db.error());
      continue;
    }
    attempt = 0;
    const std::size_t before = copied.size();
    for (; i < end; ++i) {
      auto id = copy_run(*db, runs[i].run, join_continued, {destination, runs[i].report, notes});
      if (!id) {
        (void)db->exec("ROLLBACK");
        std::string error =
            "copying run " + std::to_string(runs[i].run) + " of " + runs[i].report + ": " + id.error();
        if (join_continued) {
          error += ": nothing appended from " + runs[i].report;
          if (before != 0) error += " (the " + std::to_string(before) + " runs given before it were)";
        }
        return Unexpected(error);
      }
      copied.push_back(*id);
    }
    if (auto s = db->exec("COMMIT"); !s) return Unexpected(s.error());
    if (auto s = db->exec("DETACH DATABASE src"); !s) return Unexpected(s.error());
  }
  return copied;
}

}  // namespace ptplab::reports
