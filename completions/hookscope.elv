
use builtin;
use str;

set edit:completion:arg-completer[hookscope] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'hookscope'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'hookscope'= {
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand detect 'Print each payload''s provider and kind'
            cand check 'Validate payloads against the providers'' documented fields'
            cand summary 'Readable overview of each payload, section by section'
            cand show 'Readable overview of each payload, section by section'
            cand csv 'Flatten payload entities into CSV, TSV or JSON Lines rows'
            cand listen 'Receive webhooks over HTTP: check, show, save and forward each one'
            cand replay 'Post payloads to a URL again, and report each answer'
            cand explain 'Explain a provider''s fields, a finding code, or a payload''s value'
            cand schema 'Print a JSON Schema (draft 2020-12) of a provider''s payloads'
            cand redact 'Replace the personal data of payloads, keeping them valid payloads'
            cand completions 'Print shell completions (or write all of them with --out-dir)'
            cand man 'Print a man page (roff): hookscope(1), or a subcommand''s'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookscope;detect'= {
            cand --format 'Output format'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;check'= {
            cand --format 'Output format'
            cand --allow 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)'
            cand --warn 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)'
            cand --deny 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)'
            cand --config 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)'
            cand --baseline 'Report only findings this baseline file does not hold (matched by payload identity, code and pointer, not by line)'
            cand --write-baseline 'Record today''s findings (after the policy) in FILE, and exit 0'
            cand --timezone 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand --strict 'Fail on warnings too, and report fields no description knows'
            cand --no-config 'Ignore any hookscope.toml'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;summary'= {
            cand --section 'Sections to show, comma-separated, in their usual order (default: every one that has something to show; a picked one that is empty says "none")'
            cand --format 'Output format'
            cand --timezone 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand --full 'Show whole messages and values instead of cutting long ones'
            cand --no-findings 'Leave out the Findings section (what `check` reports) and the marks on values it points at'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;show'= {
            cand --section 'Sections to show, comma-separated, in their usual order (default: every one that has something to show; a picked one that is empty says "none")'
            cand --format 'Output format'
            cand --timezone 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand --full 'Show whole messages and values instead of cutting long ones'
            cand --no-findings 'Leave out the Findings section (what `check` reports) and the marks on values it points at'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;csv'= {
            cand --rows 'The entity to write one row per'
            cand --format 'Output format'
            cand --delimiter 'Field delimiter (one ASCII character) for csv and tsv'
            cand --timezone 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local'
            cand --times 'How datetime cells are written'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand --list 'List every entity with its columns'
            cand --no-header 'Leave out the header row'
            cand --formula-guard 'Prefix cells starting with = + - @ tab or CR with '' so spreadsheets do not run them as formulas'
            cand --bom 'Start the output with a UTF-8 byte order mark (for Excel)'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;listen'= {
            cand --bind 'The address to listen on (loopback unless said otherwise)'
            cand --port 'The port; 0 picks a free one'
            cand --save 'Append each accepted hook to this NDJSON capture (the body without whitespace outside strings, one line per hook), and its request metadata to FILE.meta.ndjson, before answering'
            cand --key 'Refuse (401) requests without this key in the Authorization header (optionally after `Bearer `) or the `key` query parameter'
            cand --forward-to 'Forward each accepted hook, byte for byte with its content type, to this http:// URL, and show the answer''s status and latency'
            cand --format 'Output format'
            cand --max-body 'Largest body taken, in bytes or with a K, M or G suffix; a longer one gets 413 without being read whole'
            cand --read-timeout 'Seconds a client may take to send a request''s headers, and again its body'
            cand --allow 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)'
            cand --warn 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)'
            cand --deny 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)'
            cand --config 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)'
            cand --timezone 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand --fsync 'Also sync the capture to the disk after each hook'
            cand --summary 'Also print each accepted hook''s whole summary, as `summary` does (text: after the hook''s line; json: instead of the hook''s object)'
            cand --reject-invalid 'Answer 422, with the findings as JSON, for a payload with errors (it is not saved nor forwarded)'
            cand --strict 'Fail on warnings too, and report fields no description knows'
            cand --no-config 'Ignore any hookscope.toml'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;replay'= {
            cand --to 'The http:// URL to post each payload to'
            cand --rate 'At most this many requests per second'
            cand --header 'Add this header to every request (repeatable)'
            cand --key 'Send this key in the Authorization header, as NuVidio does'
            cand --concurrency 'Requests in flight at once (answers are still reported in input order)'
            cand --timeout 'Seconds to wait for each answer'
            cand --format 'Output format'
            cand --allow 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)'
            cand --warn 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)'
            cand --deny 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)'
            cand --config 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)'
            cand --timezone 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand --only-invalid 'Send only the payloads `check` finds invalid (a line of several when any of them is)'
            cand --strict 'Fail on warnings too, and report fields no description knows'
            cand --no-config 'Ignore any hookscope.toml'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;explain'= {
            cand --format 'Output format'
            cand --timezone 'The account''s UTC offset: PipeRun''s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;schema'= {
            cand --hook 'The hook type (for providers that have them; default: the provider''s first documented kind)'
            cand --kind 'The data form (for providers whose hooks come in both)'
            cand --out-dir 'Write one file per provider and kind into this folder instead (PROVIDER.KIND.schema.json), and list them'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;redact'= {
            cand --salt 'Key of the pseudonyms (HMAC-SHA256): two runs with the same salt give the same output. Default: a random salt per run'
            cand --text 'Free text (messages, notes, free fields): keep it, mask it (personal values inside replaced, every other letter and digit masked, length and punctuation kept) or drop it (an empty string)'
            cand --shift-dates 'Move every datetime by this many days (negative: earlier), keeping its text format, order and durations; at most 36500 (a century) either way'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand --show-salt 'Print the salt used to stderr (to redact more payloads the same way later)'
            cand --ids 'Replace the ids that only link records too (ObjectIds, *_id); kept by default, the vendor''s support needs them'
            cand --report 'Print to stderr how many values of each kind were replaced, per payload, and the totals'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;completions'= {
            cand --out-dir 'Write completions for every shell into this folder'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;man'= {
            cand --out-dir 'Write every page (hookscope.1, hookscope-check.1, ...) into this folder instead'
            cand --provider 'Skip detection: treat every payload as this provider''s'
            cand --color 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)'
            cand -j 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --jobs 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value'
            cand --max-payload 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped'
            cand -r 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --recursive 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
            cand --extract 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookscope;help'= {
            cand detect 'Print each payload''s provider and kind'
            cand check 'Validate payloads against the providers'' documented fields'
            cand summary 'Readable overview of each payload, section by section'
            cand csv 'Flatten payload entities into CSV, TSV or JSON Lines rows'
            cand listen 'Receive webhooks over HTTP: check, show, save and forward each one'
            cand replay 'Post payloads to a URL again, and report each answer'
            cand explain 'Explain a provider''s fields, a finding code, or a payload''s value'
            cand schema 'Print a JSON Schema (draft 2020-12) of a provider''s payloads'
            cand redact 'Replace the personal data of payloads, keeping them valid payloads'
            cand completions 'Print shell completions (or write all of them with --out-dir)'
            cand man 'Print a man page (roff): hookscope(1), or a subcommand''s'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookscope;help;detect'= {
        }
        &'hookscope;help;check'= {
        }
        &'hookscope;help;summary'= {
        }
        &'hookscope;help;csv'= {
        }
        &'hookscope;help;listen'= {
        }
        &'hookscope;help;replay'= {
        }
        &'hookscope;help;explain'= {
        }
        &'hookscope;help;schema'= {
        }
        &'hookscope;help;redact'= {
        }
        &'hookscope;help;completions'= {
        }
        &'hookscope;help;man'= {
        }
        &'hookscope;help;help'= {
        }
    ]
    $completions[$command]
}
