#!/usr/bin/env python3
"""botocore as the oracle: what boto3.Session(...).get_credentials() gives for each scenario.

Reads one JSON object per line on stdin: {"id", "home", "env", "argv", "cwd"}. Imports boto3 once, then runs
every scenario in a forked child (a fresh environment, the scenario's HOME patched into the paths botocore
computed at import time, its own process group, killed after --timeout seconds) and prints one JSON line per
scenario, in completion order: {"id", "result": {...}, "live": {...}} or {"id", "oracleError": "..."}. `result`
is what record.mjs writes to expected.json; `live` holds today's value of a field recorded as day-dependent.

The result never touches the key material of deferred credentials (assume-role, web identity, SSO): those are
introspected, so no STS or SSO call is ever made. Non-deferred credentials are read without triggering a
refresh, so an already expired expiry is reported as botocore returned it from get_credentials(). Their secret
key and session token are recorded as sha256 hashes only, so no secret is ever printed. The region is what
boto3's Session.region_name gives, with the provider of botocore's region chain that gave it.

--messages adds each error's message; --time-scale F adds {"timing": {"timeouts", "sleeps"}} (seconds, as botocore
asked for them) and makes every HTTP timeout and sleep F times as long: the provider tests compare botocore's
attempts, timeouts and messages with credchain's against the same loopback servers.

Exit status 3: boto3/botocore cannot be imported.
"""
import argparse
import datetime
import hashlib
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
    import botocore.configloader
    import botocore.configprovider
    import botocore.credentials
    import botocore.exceptions
    import botocore.httpsession
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
    "--region": "region_name",
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


# An expiry dateutil completed from today's date ("Monday", "12:00", "Jan") changes from day to day, so it is
# recorded as this marker; the live value goes beside the result ("live") for the same-day comparison with credchain.
DAY_DEPENDENT = "depends on the day it is read"
OTHER_DAY = datetime.datetime(1996, 2, 29)  # a leap day, a Thursday: differs from any recording day in every field
_completed_from_today = []  # datetimes botocore parsed whose value came partly from today's date
_imds_extended_from = []  # IMDS Expiration texts botocore moved to "now + 17-25 minutes" (random jitter)
_real_parse = botocore.credentials.parse
_real_evaluate_expiration = botocore.utils.InstanceMetadataFetcher._evaluate_expiration


def parse_noting_the_day(timestr, *args, **kwargs):
    """botocore.credentials.parse (dateutil's), also noting when the value took fields from today."""
    value = _real_parse(timestr, *args, **kwargs)
    if not args and "default" not in kwargs:
        try:
            other = _real_parse(timestr, default=OTHER_DAY, **kwargs)
        except Exception:  # e.g. "29" parses only in some months
            other = None
        if other is None or other.replace(tzinfo=None) != value.replace(tzinfo=None):
            _completed_from_today.append(value)
    return value


def evaluate_expiration_noting_extension(self, credentials):
    before = credentials.get("expiry_time")
    _real_evaluate_expiration(self, credentials)
    if credentials.get("expiry_time") != before:
        _imds_extended_from.append(before)


botocore.credentials.parse = parse_noting_the_day
botocore.utils.InstanceMetadataFetcher._evaluate_expiration = evaluate_expiration_noting_extension


# For the provider tests (--time-scale): the timeout of every HTTP request botocore sends and every sleep between
# attempts, as botocore asked for them (seconds); the waits themselves are scaled down so hanging servers stay cheap.
_timing = {"timeouts": [], "sleeps": []}


def scale_time(factor):
    real_init = botocore.httpsession.URLLib3Session.__init__
    real_send = botocore.httpsession.URLLib3Session.send

    def init(self, *args, timeout=None, **kwargs):
        asked = botocore.httpsession.DEFAULT_TIMEOUT if timeout is None else timeout
        self._asked_timeout = asked
        if factor != 1:  # at 1 the value stays as botocore gave it (urllib3 messages quote 0 and 0.0 differently)
            timeout = tuple(t * factor for t in asked) if isinstance(asked, tuple) else asked * factor
        real_init(self, *args, timeout=timeout, **kwargs)

    def send(self, request):
        _timing["timeouts"].append(self._asked_timeout)
        return real_send(self, request)

    def sleep(seconds):
        _timing["sleeps"].append(seconds)
        time.sleep(seconds * factor)

    botocore.httpsession.URLLib3Session.__init__ = init
    botocore.httpsession.URLLib3Session.send = send
    fetcher = botocore.utils.ContainerMetadataFetcher
    fetcher.__init__.__defaults__ = tuple(sleep if d is time.sleep else d for d in fetcher.__init__.__defaults__)


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


def as_text(value):
    """A dict value (a nested INI key) as compact JSON; every other value as it is."""
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return value


def static_access_key(creds):
    """The access key of non-deferred credentials, read without triggering a refresh."""
    if isinstance(creds, botocore.credentials.RefreshableCredentials):
        return as_text(creds._access_key)
    return as_text(creds.access_key)


def sha256_of(value):
    """A secret is recorded only as the sha256 of its UTF-8 text (None stays None, '' has a hash): never the value."""
    value = as_text(value)
    if value is None:
        return None
    if not isinstance(value, str):
        # a credential_process may print a number where a string belongs; botocore keeps it, credchain reports its
        # JSON text (the contract's fields are strings): compare that text
        value = json.dumps(value, separators=(",", ":"))
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def expiry_text(expiry):
    """The expiry as an instant: UTC ISO 8601 with microseconds, or a naive ISO time when dateutil found no zone."""
    if expiry is None:
        return None
    try:
        offset = expiry.utcoffset()
    except ValueError:
        # dateutil accepts an offset of 24 h or more (-2400); datetime refuses to report it, the zone still knows it.
        # boto3 itself only fails on first use, which the comparison leaves out
        offset = getattr(expiry.tzinfo, "_offset", None)
        if offset is None:
            raise
        return (expiry.replace(tzinfo=None) - offset).isoformat(timespec="microseconds") + "Z"
    if expiry.tzinfo is None or offset is None:
        return expiry.isoformat(timespec="microseconds")
    return expiry.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def static_material(creds, live):
    """Secret key, token and expiry of non-deferred credentials, without triggering a refresh."""
    if isinstance(creds, botocore.credentials.RefreshableCredentials):
        secret, token, expiry = creds._secret_key, creds._token, creds._expiry_time
    else:
        secret, token, expiry = creds.secret_key, creds.token, None
    material = {
        "secretKeySha256": sha256_of(secret),
        "sessionTokenSha256": sha256_of(token),
        "hasSessionToken": bool(token),
        "expiry": expiry_text(expiry),
    }
    if creds.method == "iam-role" and _imds_extended_from:
        # now + a random 17-25 minutes: what is stable is that botocore moved it, and from what
        original = datetime.datetime.strptime(_imds_extended_from[-1], "%Y-%m-%dT%H:%M:%SZ")
        material["expiry"] = f"extended by botocore from {expiry_text(original.replace(tzinfo=datetime.timezone.utc))}"
    elif any(expiry is value for value in _completed_from_today):
        live["expiry"] = material["expiry"]
        material["expiry"] = DAY_DEPENDENT
    return material


def home_relative(path, home):
    """The path as {HOME}/…; a relative one is relative to the working directory, joined as written (not normalised)."""
    path = os.path.join(os.getcwd(), path)
    return "{HOME}" + path[len(home):] if path.startswith(home + os.sep) else path


def region_of(session, home):
    """boto3's Session.region_name and where it came from: the first provider of botocore's region chain that answers."""
    botocore_session = session._session
    try:
        name = session.region_name
    except Exception as e:  # e.g. ProfileNotFound for a missing AWS_PROFILE
        return {"name": None, "source": None, "file": None, "error": {"type": type(e).__name__}}
    region = {"name": name, "source": None, "file": None, "error": None}
    if name is None:
        return region
    chain = botocore_session.get_component("config_store").get_config_provider("region")
    for provider in chain._providers:
        if provider.provide() is None:
            continue
        if isinstance(provider, botocore.configprovider.InstanceVarProvider):
            region["source"] = "instance"
        elif isinstance(provider, botocore.configprovider.EnvironmentProvider):
            region["source"] = provider._name
        elif isinstance(provider, botocore.configprovider.ScopedConfigProvider):
            region["source"] = "profile"
            region["file"] = home_relative(profile_file_with_region(botocore_session), home)
        else:
            raise TypeError(f"unknown region provider {type(provider).__name__}")
        return region
    raise AssertionError("region has a value but no provider gives it")


def profile_file_with_region(botocore_session):
    """botocore merges the credentials file over the config file (Session.full_config): the file whose value won."""
    profile = botocore_session.get_config_variable("profile") or "default"
    cred_file = os.path.expandvars(os.path.expanduser(botocore_session.get_config_variable("credentials_file")))
    try:
        cred_profiles = botocore.configloader.raw_config_parse(cred_file)
    except botocore.exceptions.ConfigNotFound:
        cred_profiles = {}
    if "region" in cred_profiles.get(profile, {}):
        return cred_file
    return os.path.expandvars(os.path.expanduser(botocore_session.get_config_variable("config_file")))


def base_access_key(creds):
    """Walk an assume-role chain down to its base; None when the base is itself deferred (web identity, SSO)."""
    while isinstance(creds, botocore.credentials.DeferredRefreshableCredentials):
        fetcher = fetcher_of(creds._refresh_using)
        if not isinstance(fetcher, botocore.credentials.AssumeRoleCredentialFetcher):
            return None
        creds = fetcher._source_credentials
    return static_access_key(creds)


def describe(creds, live):
    """The recorded result; `live` receives the values that change from day to day."""
    result = {
        "recordedWith": RECORDED_WITH,
        "method": None,
        "accessKeyId": None,
        "secretKeySha256": None,
        "sessionTokenSha256": None,
        "hasSessionToken": None,
        "expiry": None,
        "roleArn": None,
        "sourceAccessKeyId": None,
        "region": None,
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
        result.update(static_material(creds, live))
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
    """Runs in the forked child: returns the JSON-able result of one scenario and its day-dependent values."""
    os.environ.clear()
    os.environ.update(scenario["env"])
    point_home_paths_at(scenario["home"])
    os.chdir(scenario.get("cwd") or scenario["home"])
    kwargs = session_kwargs(scenario.get("argv", []))
    as_if_top_level()
    session = None
    live = {}
    try:
        session = boto3.Session(**kwargs)
        result = describe(session.get_credentials(), live)
    except Exception as e:  # any exception is the scenario's outcome
        result = describe(None, live)
        result["error"] = {"type": type(e).__name__}
        if OPTIONS.messages:
            result["error"]["message"] = str(e)
    # the region is read after the credentials, as a client would; boto3.Session(...) itself may have raised
    result["region"] = region_of(session, scenario["home"]) if session is not None else None
    return result, live


def child(scenario, write_fd):
    os.setpgid(0, 0)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)  # credential_process inherits stdin; never our stdin
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)  # botocore logs warnings (e.g. IMDS endpoint + IPv6) to stderr
    try:
        result, live = run_scenario(scenario)
        payload = {"id": scenario["id"], "result": result, "live": live}
        if OPTIONS.time_scale is not None:
            payload["timing"] = _timing
    except BaseException:
        payload = {"id": scenario["id"], "oracleError": traceback.format_exc()}
    data = (json.dumps(payload, ensure_ascii=False) + "\n").encode("utf-8")
    while data:
        data = data[os.write(write_fd, data):]
    os._exit(0)


OPTIONS = argparse.Namespace(messages=False, time_scale=None)


def main():
    global OPTIONS
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=6)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--messages", action="store_true", help="also give each error's message (provider tests)")
    parser.add_argument("--time-scale", type=float, help="record HTTP timeouts and sleeps, wait this fraction of them")
    args = parser.parse_args()
    OPTIONS = args
    if args.time_scale is not None:
        scale_time(args.time_scale)

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
