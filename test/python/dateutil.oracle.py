# Reads a JSON list of strings on stdin, prints what dateutil.parser.parse (as botocore calls it) makes of each.
import json, sys, warnings
from dateutil.parser import parse
from dateutil import tz

warnings.simplefilter('ignore')
out = []
for s in json.load(sys.stdin):
    try:
        dt = parse(s)
    except Exception as e:  # the exception's class is the answer
        out.append({'t': type(e).__name__})
        continue
    z = dt.tzinfo
    if z is None:
        zone = 'naive'
    elif isinstance(z, tz.tzlocal):
        zone = 'local'
    elif isinstance(z, tz.tzutc):
        zone = 'utc'
    else:
        zone = int(z._offset.total_seconds())
    out.append({'t': 'ok', 'f': [dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond], 'z': zone})
json.dump(out, sys.stdout)
