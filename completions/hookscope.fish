# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hookscope_global_optspecs
    string join \n provider= color= j/jobs= max-payload= r/recursive extract h/help V/version
end

function __fish_hookscope_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hookscope_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hookscope_using_subcommand
    set -l cmd (__fish_hookscope_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hookscope -n "__fish_hookscope_needs_command" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_needs_command" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_needs_command" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_needs_command" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_needs_command" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_needs_command" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_needs_command" -s h -l help -d 'Print help'
complete -c hookscope -n "__fish_hookscope_needs_command" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "detect" -d 'Print each payload\'s provider and kind'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "check" -d 'Validate payloads against the providers\' documented fields'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "summary" -d 'Readable overview of each payload, section by section'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "show" -d 'Readable overview of each payload, section by section'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "csv" -d 'Flatten payload entities into CSV, TSV or JSON Lines rows'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "listen" -d 'Receive webhooks over HTTP: check, show, save and forward each one'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "replay" -d 'Post payloads to a URL again, and report each answer'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "explain" -d 'Explain a provider\'s fields, a finding code, or a payload\'s value'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "schema" -d 'Print a JSON Schema (draft 2020-12) of a provider\'s payloads'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "redact" -d 'Replace the personal data of payloads, keeping them valid payloads'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "completions" -d 'Print shell completions (or write all of them with --out-dir)'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "man" -d 'Print a man page (roff): hookscope(1), or a subcommand\'s'
complete -c hookscope -n "__fish_hookscope_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -l format -d 'Output format' -r -f -a "text\t'SOURCE<TAB>PROVIDER<TAB>KIND'
json\t'One JSON object per line: source, provider, kind, hook_type, complete'"
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand detect" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l format -d 'Output format' -r -f -a "text\t'SOURCE: severity[code] /path: message, then a count line'
json\t'One JSON object per payload per line'
github\t'GitHub Actions workflow commands (::error / ::warning)'
junit\t'JUnit XML, one testcase per payload'"
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l allow -d 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l warn -d 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l deny -d 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l config -d 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l baseline -d 'Report only findings this baseline file does not hold (matched by payload identity, code and pointer, not by line)' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l write-baseline -d 'Record today\'s findings (after the policy) in FILE, and exit 0' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l timezone -d 'The account\'s UTC offset: PipeRun\'s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l strict -d 'Fail on warnings too, and report fields no description knows'
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l no-config -d 'Ignore any hookscope.toml'
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand check" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l section -d 'Sections to show, comma-separated, in their usual order (default: every one that has something to show; a picked one that is empty says "none")' -r -f -a "overview\t'Both: the main facts of the call or talk'
issues\t'NuVidio: one row per issue'
data\t'NuVidio: data items of the issues and of the customer'
timeline\t'NuVidio: call and queue logs, in time order'
questionnaire\t'NuVidio: questionnaire answers'
chat\t'NuVidio: text chat messages'
other\t'Both: fields the provider description does not know, by path'
customer\t'PipeRun: the customer'
messages\t'PipeRun: the talk\'s messages'
tabulations\t'PipeRun: tabulations (talk events)'
variables\t'PipeRun: bot variables'"
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l format -d 'Output format' -r -f -a "text\t'Tables for people'
json\t'The normalized summary, one JSON object per payload per line'"
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l timezone -d 'The account\'s UTC offset: PipeRun\'s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l full -d 'Show whole messages and values instead of cutting long ones'
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l no-findings -d 'Leave out the Findings section (what `check` reports) and the marks on values it points at'
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand summary" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l section -d 'Sections to show, comma-separated, in their usual order (default: every one that has something to show; a picked one that is empty says "none")' -r -f -a "overview\t'Both: the main facts of the call or talk'
issues\t'NuVidio: one row per issue'
data\t'NuVidio: data items of the issues and of the customer'
timeline\t'NuVidio: call and queue logs, in time order'
questionnaire\t'NuVidio: questionnaire answers'
chat\t'NuVidio: text chat messages'
other\t'Both: fields the provider description does not know, by path'
customer\t'PipeRun: the customer'
messages\t'PipeRun: the talk\'s messages'
tabulations\t'PipeRun: tabulations (talk events)'
variables\t'PipeRun: bot variables'"
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l format -d 'Output format' -r -f -a "text\t'Tables for people'
json\t'The normalized summary, one JSON object per payload per line'"
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l timezone -d 'The account\'s UTC offset: PipeRun\'s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l full -d 'Show whole messages and values instead of cutting long ones'
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l no-findings -d 'Leave out the Findings section (what `check` reports) and the marks on values it points at'
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand show" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l rows -d 'The entity to write one row per' -r -f -a "calls\t'NuVidio: one row per payload'
issues\t'NuVidio: one row per issue'
tags\t'NuVidio: one row per tag (call-level and issue-level)'
data\t'NuVidio: one row per issue data item'
logs\t'NuVidio: one row per call or queue log entry'
talks\t'PipeRun: one row per talk'
messages\t'PipeRun: one row per message'
events\t'PipeRun: one row per tabulation'
bot-variables\t'PipeRun: one row per bot variable'
contacts\t'PipeRun: one row per customer phone or e-mail'
findings\t'Both: one row per check finding'"
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l format -d 'Output format' -r -f -a "csv\t''
tsv\t''
jsonl\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l delimiter -d 'Field delimiter (one ASCII character) for csv and tsv' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l timezone -d 'The account\'s UTC offset: PipeRun\'s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l times -d 'How datetime cells are written' -r -f -a "utc\t'RFC 3339 in UTC (`...Z`)'
local\t'RFC 3339 in the --timezone offset'
raw\t'As the payload holds them'"
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l list -d 'List every entity with its columns'
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l no-header -d 'Leave out the header row'
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l formula-guard -d 'Prefix cells starting with = + - @ tab or CR with \' so spreadsheets do not run them as formulas'
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l bom -d 'Start the output with a UTF-8 byte order mark (for Excel)'
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand csv" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l bind -d 'The address to listen on (loopback unless said otherwise)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l port -d 'The port; 0 picks a free one' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l save -d 'Append each accepted hook to this NDJSON capture (the body without whitespace outside strings, one line per hook), and its request metadata to FILE.meta.ndjson, before answering' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l key -d 'Refuse (401) requests without this key in the Authorization header (optionally after `Bearer `) or the `key` query parameter' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l forward-to -d 'Forward each accepted hook, byte for byte with its content type, to this http:// URL, and show the answer\'s status and latency' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l format -d 'Output format' -r -f -a "text\t'One line per hook (per payload with --summary: its summary)'
json\t'One JSON object per line'"
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l max-body -d 'Largest body taken, in bytes or with a K, M or G suffix; a longer one gets 413 without being read whole' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l read-timeout -d 'Seconds a client may take to send a request\'s headers, and again its body' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l allow -d 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l warn -d 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l deny -d 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l config -d 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l timezone -d 'The account\'s UTC offset: PipeRun\'s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l fsync -d 'Also sync the capture to the disk after each hook'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l summary -d 'Also print each accepted hook\'s whole summary, as `summary` does (text: after the hook\'s line; json: instead of the hook\'s object)'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l reject-invalid -d 'Answer 422, with the findings as JSON, for a payload with errors (it is not saved nor forwarded)'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l strict -d 'Fail on warnings too, and report fields no description knows'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l no-config -d 'Ignore any hookscope.toml'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand listen" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l to -d 'The http:// URL to post each payload to' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l rate -d 'At most this many requests per second' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l header -d 'Add this header to every request (repeatable)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l key -d 'Send this key in the Authorization header, as NuVidio does' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l concurrency -d 'Requests in flight at once (answers are still reported in input order)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l timeout -d 'Seconds to wait for each answer' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l format -d 'Output format' -r -f -a "text\t'One line per hook (per payload with --summary: its summary)'
json\t'One JSON object per line'"
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l allow -d 'Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only where the pointer matches (`*` one segment, `**` any number)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l warn -d 'Report findings of CODE as warnings (repeatable; `CODE:/pattern`)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l deny -d 'Report findings of CODE as errors (repeatable; `CODE:/pattern`)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l config -d 'The policy file (default: hookscope.toml here or in the nearest parent folder, up to the repository root)' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l timezone -d 'The account\'s UTC offset: PipeRun\'s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l only-invalid -d 'Send only the payloads `check` finds invalid (a line of several when any of them is)'
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l strict -d 'Fail on warnings too, and report fields no description knows'
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l no-config -d 'Ignore any hookscope.toml'
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand replay" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -l format -d 'Output format' -r -f -a "text\t'Tables for people'
json\t'One JSON document (one object per payload per line for a file)'"
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -l timezone -d 'The account\'s UTC offset: PipeRun\'s local `YYYY-MM-DD HH:MM:SS` datetimes are read in it; summary shows times in it, and so does csv with --times local' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand explain" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -l hook -d 'The hook type (for providers that have them; default: the provider\'s first documented kind)' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -l kind -d 'The data form (for providers whose hooks come in both)' -r -f -a "incomplete\t'Ids only (NuVidio\'s basic data mode)'
complete\t'Whole objects'"
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -l out-dir -d 'Write one file per provider and kind into this folder instead (PROVIDER.KIND.schema.json), and list them' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand schema" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l salt -d 'Key of the pseudonyms (HMAC-SHA256): two runs with the same salt give the same output. Default: a random salt per run' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l text -d 'Free text (messages, notes, free fields): keep it, mask it (personal values inside replaced, every other letter and digit masked, length and punctuation kept) or drop it (an empty string)' -r -f -a "keep\t'Left as it is'
mask\t'Personal values replaced, every other letter and digit masked'
drop\t'Replaced by an empty string'"
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l shift-dates -d 'Move every datetime by this many days (negative: earlier), keeping its text format, order and durations; at most 36500 (a century) either way' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l show-salt -d 'Print the salt used to stderr (to redact more payloads the same way later)'
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l ids -d 'Replace the ids that only link records too (ObjectIds, *_id); kept by default, the vendor\'s support needs them'
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l report -d 'Print to stderr how many values of each kind were replaced, per payload, and the totals'
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hookscope -n "__fish_hookscope_using_subcommand redact" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -l out-dir -d 'Write completions for every shell into this folder' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -s h -l help -d 'Print help'
complete -c hookscope -n "__fish_hookscope_using_subcommand completions" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -l out-dir -d 'Write every page (hookscope.1, hookscope-check.1, ...) into this folder instead' -r -F
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -l provider -d 'Skip detection: treat every payload as this provider\'s' -r -f -a "nuvidio\t''
piperun\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -l color -d 'When to use color: auto means stdout is a terminal and NO_COLOR is unset (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -s j -l jobs -d 'Worker threads for parsing and checking, 1 to 256 (default: all cores, at most 256). Output is in input order and the same for any value' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -l max-payload -d 'Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB, GiB); 0 for no limit. A longer payload is reported and skipped' -r
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -s r -l recursive -d 'Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders given as inputs (at any depth, in sorted order)'
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -l extract -d 'Read the JSON object or array on each line of text (log lines such as `... INFO received payload: {...}`), labelled by that line; lines without JSON are skipped'
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -s h -l help -d 'Print help'
complete -c hookscope -n "__fish_hookscope_using_subcommand man" -s V -l version -d 'Print version'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "detect" -d 'Print each payload\'s provider and kind'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "check" -d 'Validate payloads against the providers\' documented fields'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "summary" -d 'Readable overview of each payload, section by section'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "csv" -d 'Flatten payload entities into CSV, TSV or JSON Lines rows'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "listen" -d 'Receive webhooks over HTTP: check, show, save and forward each one'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "replay" -d 'Post payloads to a URL again, and report each answer'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "explain" -d 'Explain a provider\'s fields, a finding code, or a payload\'s value'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "schema" -d 'Print a JSON Schema (draft 2020-12) of a provider\'s payloads'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "redact" -d 'Replace the personal data of payloads, keeping them valid payloads'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "completions" -d 'Print shell completions (or write all of them with --out-dir)'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "man" -d 'Print a man page (roff): hookscope(1), or a subcommand\'s'
complete -c hookscope -n "__fish_hookscope_using_subcommand help; and not __fish_seen_subcommand_from detect check summary csv listen replay explain schema redact completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
