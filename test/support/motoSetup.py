# moto's IAM API, unauthenticated until reset-auth: the users (each with an access key and an inline policy) and the
# roles (trust, optional external id, inline policy) a spec on stdin asks for; prints their keys and role ARNs as JSON.
# Used by test/support/moto.ts and scripts/readme-examples.mjs.
import json, sys, boto3
url = sys.argv[1]
spec = json.load(sys.stdin)
iam = boto3.client('iam', endpoint_url=url, region_name='us-east-1', aws_access_key_id='setup', aws_secret_access_key='setup')
out = {'keys': {}, 'roles': {}}
def policy(actions):
    return json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': actions, 'Resource': '*'}]})
for u in spec.get('users', []):
    iam.create_user(UserName=u['name'])
    k = iam.create_access_key(UserName=u['name'])['AccessKey']
    out['keys'][u['name']] = {'accessKeyId': k['AccessKeyId'], 'secretAccessKey': k['SecretAccessKey']}
    if u.get('allow'):
        iam.put_user_policy(UserName=u['name'], PolicyName='allow', PolicyDocument=policy(u['allow']))
for r in spec.get('roles', []):
    stmt = {'Effect': 'Allow', 'Principal': {'AWS': r['trust']}, 'Action': 'sts:AssumeRole'}
    if r.get('externalId'):
        stmt['Condition'] = {'StringEquals': {'sts:ExternalId': r['externalId']}}
    role = iam.create_role(RoleName=r['name'], AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [stmt]}))
    out['roles'][r['name']] = role['Role']['Arn']
    if r.get('allow'):
        iam.put_role_policy(RoleName=r['name'], PolicyName='allow', PolicyDocument=policy(r['allow']))
print(json.dumps(out))
