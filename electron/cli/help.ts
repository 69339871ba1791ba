export const USAGE = `Usage: qthink <command> [options]

Commands
  process  --trades F [--bars F] [--context F] [--chain F] [--signals F]   import and commit in one step
  import   (same files as process)             stage the trades for review; the journal is not touched
  review   [--json]                            the staged batch: regrets, archetype, label, flags
  commit   [--split ID] [--group ID,ID] [--set ID:archetype=X] [--set ID:label=Y] [--note ID:text]
                                               split a spread into its legs or group trades into one,
                                               apply your overrides and commit the staged batch
  rebuild  [--check]                           regenerate every derived file from sync_log.jsonl
  repair                                       move damaged lines of sync_log.jsonl to backups/ and rebuild
  export   --format csv|json|md|html [--out F] the committed journal for people (stdout without --out)
  export   --format archive --out F           the whole journal in one file (log + market data)
  restore  FILE                               an archive into an empty data directory, then checked
  score    [FILE] [--json]                     a proposed trade (JSON; stdin without FILE) scored with what the
                                               journal learned: weights, penalties, patterns, similar trades
  mcp                                          a Model Context Protocol server on stdio (read only) for assistants
  demo     [--data-dir D]                      process the bundled example day into a fresh folder
  serve    [--port N]                          open the app in your browser (local only)
  help                                         this text

Options
  --trades F        native JSONL, a QThink export, or a broker export (repeat for several files)
  --bars F          1-minute bars CSV          --context F   day context JSON
  --chain F         option-chain snapshot CSV  --signals F   agent signal timeline JSONL
  --data-dir D      the journal folder (default: %DEFAULT%)
  --tz ZONE         zone of times written without an offset, e.g. America/New_York
  --format NAME     broker format when detection is not enough (thinkorswim, ibkr, tastytrade, schwab, webull, robinhood, etrade, fidelity);
                    for export: csv, json, md, html or archive
  --signal-window M minutes before entry/exit in which a timeline signal counts (default 5)
  -h, --help        help     -v, --version  version

Bad rows are printed as file:line: field: reason and skipped; the good rows go on.
Exit code: 0 all rows read, 1 some rows rejected (or rebuild --check found a difference), 2 usage error or a
journal that cannot be opened or written (the message names the file, the cause and what to do).
`;

export function usage(defaultDir: string): string {
  return USAGE.replace('%DEFAULT%', defaultDir);
}
