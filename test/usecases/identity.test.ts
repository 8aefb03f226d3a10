// What a GetCallerIdentity ARN says: principal type, user, role and session names, Identity Center permission set.
import { describe, expect, it } from 'vitest';
import { describeIdentity } from '../../src/usecases/identity';

const id = (arn: string) => describeIdentity({ account: '123456789012', arn, userId: 'X' }, 'https://sts.eu-west-1.amazonaws.com');

describe('describeIdentity', () => {
  it('an IAM user, with a path', () => {
    expect(id('arn:aws:iam::123456789012:user/ci/deployer')).toMatchObject({ principalType: 'user', userName: 'deployer', partition: 'aws' });
  });
  it('the root user', () => {
    expect(id('arn:aws:iam::123456789012:root')).toMatchObject({ principalType: 'root' });
  });
  it('an assumed role and its session', () => {
    expect(id('arn:aws-cn:sts::123456789012:assumed-role/Deploy/botocore-session-1700000000')).toMatchObject({
      principalType: 'assumed-role',
      roleName: 'Deploy',
      roleSessionName: 'botocore-session-1700000000',
      partition: 'aws-cn',
    });
  });
  it('an IAM Identity Center role names its permission set (underscores included)', () => {
    const v = id('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Power_User_Access_a1b2c3d4e5f60718/alice@example.com');
    expect(v).toMatchObject({ principalType: 'assumed-role', permissionSet: 'Power_User_Access', roleSessionName: 'alice@example.com' });
  });
  it('a role that only looks like Identity Center has no permission set', () => {
    expect(id('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin/x').permissionSet).toBeUndefined();
  });
  it('a federated user', () => {
    expect(id('arn:aws:sts::123456789012:federated-user/bob')).toMatchObject({ principalType: 'federated', roleSessionName: 'bob' });
  });
  it('anything else is unknown, not a guess', () => {
    expect(id('not-an-arn')).toMatchObject({ principalType: 'unknown', partition: null });
    expect(id('arn:aws:iam::123456789012:role/Deploy')).toMatchObject({ principalType: 'unknown' });
  });
});
