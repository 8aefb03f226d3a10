#!/usr/bin/env python3
"""botocore as the oracle: what boto3.Session(...).get_credentials() gives for each scenario.

Reads one JSON object per line on stdin: {"id", "home", "env", "argv", "cwd"}. Imports boto3 once, then runs
every scenario in a forked child (a fresh environment, the scenario's HOME patched into the paths botocore
computed at import time, its own process group, killed after --timeout seconds) and prints one JSON line per
scenario, in completion order: {"id", "result": {...}} or {"id", "oracleError": "..."}.

The result never touches the key material of deferred credentials (assume-role, web identity, SSO): those are
introspected, so no STS or SSO call is ever made. Non-deferred credentials are read without triggering a
refresh, so an already expired expiry is reported as botocore returned it from get_credentials().

Exit status 3: boto3/botocore cannot be imported.
"""
import argparse
import json
import os
import select
import signal
import sys
import time
import traceback

try:
    import boto3
    import botocore
    import botocore.credentials
    import botocore.loaders
    import botocore.tokens
    import botocore.utils
except ImportError as e:  # the test turns this into a skip, or a failure under CI
    print(f"oracle: cannot import boto3/botocore: {e}", file=sys.stderr)
    sys.exit(3)

RECORDED_WITH = f"botocore {botocore.__version__}"
ARGV_TO_SESSION = {
    "--profile": "profile_name",
    "--access-key-id": "aws_access_key_id",
    "--secret-access-key": "aws_secret_access_key",
    "--session-token": "aws_session_token",
}


def session_kwargs(argv):
    kwargs = {}
    if len(argv) % 2:
        raise ValueError(f"argv must be option/value pairs: {argv!r}")
    for opt, value in zip(argv[::2], argv[1::2]):
        if opt not in ARGV_TO_SESSION:
            raise ValueError(f"unsupported argv option {opt!r}")
        kwargs[ARGV_TO_SESSION[opt]] = value
    return kwargs


def point_home_paths_at(home):
    """botocore expands ~ for these when it is imported; make them follow the scenario's HOME."""
    sso_cache = os.path.join(home, ".aws", "sso", "cache")
    botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = sso_cache
    botocore.tokens.SSOTokenProvider._SSO_TOKEN_CACHE_DIR = sso_cache
    json_cache = os.path.join(home, ".aws", "boto", "cache")
    botocore.utils.JSONFileCache.CACHE_DIR = json_cache
    botocore.utils.JSONFileCache.__init__.__defaults__ = (json_cache, None)
    botocore.loaders.Loader.CUSTOMER_DATA_PATH = os.path.join(home, ".aws", "models")
    # the login token cache directory (~/.aws/login/cache) is computed at call time from os.environ


def fetcher_of(refresh_using):
    """The fetcher object behind a DeferredRefreshableCredentials' refresh function."""
    inner = getattr(refresh_using, "_refresh", None)  # the MFA wrapper of create_mfa_serial_refresher
    if inner is not None:
        refresh_using = inner
    return getattr(refresh_using, "__self__", None)


def static_access_key(creds):
    """The access key of non-deferred credentials, read without triggering a refresh."""
    if isinstance(creds, botocore.credentials.RefreshableCredentials):
        key = creds._access_key
    else:
        key = creds.access_key
    if isinstance(key, dict):
        return json.dumps(key, separators=(",", ":"), ensure_ascii=False)
    return key


def base_access_key(creds):
    """Walk an assume-role chain down to its base; None when the base is itself deferred (web identity, SSO)."""
    while isinstance(creds, botocore.credentials.DeferredRefreshableCredentials):
        fetcher = fetcher_of(creds._refresh_using)
        if not isinstance(fetcher, botocore.credentials.AssumeRoleCredentialFetcher):
            return None
        creds = fetcher._source_credentials
    return static_access_key(creds)


def describe(creds):
    result = {
        "recordedWith": RECORDED_WITH,
        "method": None,
        "accessKeyId": None,
        "roleArn": None,
        "sourceAccessKeyId": None,
        "error": None,
    }
    if creds is None:
        return result
    result["method"] = creds.method
    if isinstance(creds, botocore.credentials.DeferredRefreshableCredentials):
        fetcher = fetcher_of(creds._refresh_using)
        if isinstance(fetcher, botocore.credentials.AssumeRoleCredentialFetcher):
            result["roleArn"] = fetcher._role_arn
            result["sourceAccessKeyId"] = base_access_key(fetcher._source_credentials)
        elif isinstance(fetcher, botocore.credentials.AssumeRoleWithWebIdentityCredentialFetcher):
            result["roleArn"] = fetcher._role_arn
        elif not isinstance(fetcher, botocore.credentials.SSOCredentialFetcher):
            raise TypeError(f"unknown deferred credentials fetcher {type(fetcher).__name__}")
    else:
        result["accessKeyId"] = static_access_key(creds)
    return result


def as_if_top_level():
    """botocore follows a role chain by recursion, so how deep a chain resolves before RecursionError depends on the
    caller's stack. Give the call the headroom it has in a script calling it from its top level (one frame below the
    limit), not less by however deep this oracle happens to be. Runs in the forked child only."""
    depth, frame = 0, sys._getframe(1)
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    sys.setrecursionlimit(sys.getrecursionlimit() + depth - 1)


def run_scenario(scenario):
    """Runs in the forked child: returns the JSON-able result of one scenario."""
    os.environ.clear()
    os.environ.update(scenario["env"])
    point_home_paths_at(scenario["home"])
    os.chdir(scenario.get("cwd") or scenario["home"])
    kwargs = session_kwargs(scenario.get("argv", []))
    as_if_top_level()
    try:
        creds = boto3.Session(**kwargs).get_credentials()
    except Exception as e:  # any exception is the scenario's outcome
        result = describe(None)
        result["error"] = {"type": type(e).__name__}
        return result
    return describe(creds)


def child(scenario, write_fd):
    os.setpgid(0, 0)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)  # credential_process inherits stdin; never our stdin
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)  # botocore logs warnings (e.g. IMDS endpoint + IPv6) to stderr
    try:
        payload = {"id": scenario["id"], "result": run_scenario(scenario)}
    except BaseException:
        payload = {"id": scenario["id"], "oracleError": traceback.format_exc()}
    data = (json.dumps(payload, ensure_ascii=False) + "\n").encode("utf-8")
    while data:
        data = data[os.write(write_fd, data):]
    os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=6)
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()

    pending = [json.loads(line) for line in sys.stdin if line.strip()]
    pending.reverse()
    running = {}  # read fd -> (pid, scenario, started, chunks)

    def emit(obj):
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    while pending or running:
        while pending and len(running) < args.jobs:
            scenario = pending.pop()
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                child(scenario, write_fd)
            os.close(write_fd)
            running[read_fd] = (pid, scenario, time.monotonic(), [])
        ready, _, _ = select.select(list(running), [], [], 0.2)
        for fd in ready:
            chunk = os.read(fd, 65536)
            if chunk:
                running[fd][3].append(chunk)
                continue
            pid, scenario, _, chunks = running.pop(fd)
            os.close(fd)
            try:  # leftovers such as a credential_process child; the unreaped child keeps its group id ours
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            text = b"".join(chunks).decode("utf-8")
            emit(json.loads(text) if text else {"id": scenario["id"], "oracleError": "child died without a result"})
        now = time.monotonic()
        for fd, (pid, scenario, started, _) in list(running.items()):
            if now - started > args.timeout:
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                os.close(fd)
                del running[fd]
                emit({"id": scenario["id"], "oracleError": f"timed out after {args.timeout:g} s"})


if __name__ == "__main__":
    main()
