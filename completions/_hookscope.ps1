
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'hookscope' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'hookscope'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'hookscope' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('detect', 'detect', [CompletionResultType]::ParameterValue, 'Print each payload''s provider and kind')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate payloads against the providers'' documented fields')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Readable overview of each payload, section by section')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Readable overview of each payload, section by section')
            [CompletionResult]::new('csv', 'csv', [CompletionResultType]::ParameterValue, 'Flatten payload entities into CSV, TSV or JSON Lines rows')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks over HTTP: check, show, save and forward each one')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Post payloads to a URL again, and report each answer')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a provider''s fields, a finding code, or a payload''s value')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema (draft 2020-12) of a provider''s payloads')
            [CompletionResult]::new('redact', 'redact', [CompletionResultType]::ParameterValue, 'Replace the personal data of payloads, keeping them valid payloads')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (or write all of them with --out-dir)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff): hookscope(1), or a subcommand''s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookscope;detect' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;check' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'Report only findings this baseline file does not hold (matched by payload identity, code and pointer, not by line)')
            [CompletionResult]::new('--write-baseline', '--write-baseline', [CompletionResultType]::ParameterName, 'Record today''s findings (after the policy) in FILE, and exit 0')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too, and report fields no description knows')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any hookscope.toml')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;summary' {
            [CompletionResult]::new('--section', '--section', [CompletionResultType]::ParameterName, 'Sections to show, comma-separated, in their usual order (default: every one that has something to show; a picked one that is empty says "none")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Show whole messages and values instead of cutting long ones')
            [CompletionResult]::new('--no-findings', '--no-findings', [CompletionResultType]::ParameterName, 'Leave out the Findings section (what `check` reports) and the marks on values it points at')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;show' {
            [CompletionResult]::new('--section', '--section', [CompletionResultType]::ParameterName, 'Sections to show, comma-separated, in their usual order (default: every one that has something to show; a picked one that is empty says "none")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Show whole messages and values instead of cutting long ones')
            [CompletionResult]::new('--no-findings', '--no-findings', [CompletionResultType]::ParameterName, 'Leave out the Findings section (what `check` reports) and the marks on values it points at')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;csv' {
            [CompletionResult]::new('--rows', '--rows', [CompletionResultType]::ParameterName, 'The entity to write one row per')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'Field delimiter (one ASCII character) for csv and tsv')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local')
            [CompletionResult]::new('--times', '--times', [CompletionResultType]::ParameterName, 'How datetime cells are written')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List every entity with its columns')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Leave out the header row')
            [CompletionResult]::new('--formula-guard', '--formula-guard', [CompletionResultType]::ParameterName, 'Prefix cells starting with = + - @ tab or CR with '' so spreadsheets do not run them as formulas')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start the output with a UTF-8 byte order mark (for Excel)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;listen' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'The address to listen on (loopback unless said otherwise)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The port; 0 picks a free one')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Append each accepted hook to this NDJSON capture (the body without whitespace outside strings, one line per hook), and its request metadata to FILE.meta.ndjson, before answering')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Refuse (401) requests without this key in the Authorization header (optionally after `Bearer `) or the `key` query parameter')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Forward each accepted hook, byte for byte with its content type, to this http:// URL, and show the answer''s status and latency')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest body taken, in bytes or with a K, M or G suffix; a longer one gets 413 without being read whole')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds a client may take to send a request''s headers, and again its body')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('--fsync', '--fsync', [CompletionResultType]::ParameterName, 'Also sync the capture to the disk after each hook')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also print each accepted hook''s whole summary, as `summary` does (text: after the hook''s line; json: instead of the hook''s object)')
            [CompletionResult]::new('--reject-invalid', '--reject-invalid', [CompletionResultType]::ParameterName, 'Answer 422, with the findings as JSON, for a payload with errors (it is not saved nor forwarded)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too, and report fields no description knows')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any hookscope.toml')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;replay' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The http:// URL to post each payload to')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many requests per second')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Add this header to every request (repeatable)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Send this key in the Authorization header, as NuVidio does')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once (answers are still reported in input order)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each answer')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('--only-invalid', '--only-invalid', [CompletionResultType]::ParameterName, 'Send only the payloads `check` finds invalid (a line of several when any of them is)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too, and report fields no description knows')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any hookscope.toml')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;explain' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;schema' {
            [CompletionResult]::new('--hook', '--hook', [CompletionResultType]::ParameterName, 'The hook type (for providers that have them; default: the provider''s first documented kind)')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'The data form (for providers whose hooks come in both)')
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write one file per provider and kind into this folder instead (PROVIDER.KIND.schema.json), and list them')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;redact' {
            [CompletionResult]::new('--salt', '--salt', [CompletionResultType]::ParameterName, 'Key of the pseudonyms (HMAC-SHA256): two runs with the same salt give the same output. Default: a random salt per run')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Free text (messages, notes, free fields): keep it, mask it (personal values inside replaced, every other letter and digit masked, length and punctuation kept) or drop it (an empty string)')
            [CompletionResult]::new('--shift-dates', '--shift-dates', [CompletionResultType]::ParameterName, 'Move every datetime by this many days (negative: earlier), keeping its text format, order and durations; at most 36500 (a century) either way')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('--show-salt', '--show-salt', [CompletionResultType]::ParameterName, 'Print the salt used to stderr (to redact more payloads the same way later)')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'Replace the ids that only link records too (ObjectIds, *_id); kept by default, the vendor''s support needs them')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Print to stderr how many values of each kind were replaced, per payload, and the totals')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;completions' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write completions for every shell into this folder')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write every page (hookscope.1, hookscope-check.1, ...) into this folder instead')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Skip detection: treat every payload as this provider''s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value')
            [CompletionResult]::new('--max-payload', '--max-payload', [CompletionResultType]::ParameterName, 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookscope;help' {
            [CompletionResult]::new('detect', 'detect', [CompletionResultType]::ParameterValue, 'Print each payload''s provider and kind')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate payloads against the providers'' documented fields')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Readable overview of each payload, section by section')
            [CompletionResult]::new('csv', 'csv', [CompletionResultType]::ParameterValue, 'Flatten payload entities into CSV, TSV or JSON Lines rows')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks over HTTP: check, show, save and forward each one')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Post payloads to a URL again, and report each answer')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a provider''s fields, a finding code, or a payload''s value')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema (draft 2020-12) of a provider''s payloads')
            [CompletionResult]::new('redact', 'redact', [CompletionResultType]::ParameterValue, 'Replace the personal data of payloads, keeping them valid payloads')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (or write all of them with --out-dir)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff): hookscope(1), or a subcommand''s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookscope;help;detect' {
            break
        }
        'hookscope;help;check' {
            break
        }
        'hookscope;help;summary' {
            break
        }
        'hookscope;help;csv' {
            break
        }
        'hookscope;help;listen' {
            break
        }
        'hookscope;help;replay' {
            break
        }
        'hookscope;help;explain' {
            break
        }
        'hookscope;help;schema' {
            break
        }
        'hookscope;help;redact' {
            break
        }
        'hookscope;help;completions' {
            break
        }
        'hookscope;help;man' {
            break
        }
        'hookscope;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
