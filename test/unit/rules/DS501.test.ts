import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS501 JSON arguments recommended', () => {
  it('reports CMD and ENTRYPOINT in shell form', () => {
    const r = expectAt('DS501', lines('FROM alpine:3.20', 'ENTRYPOINT «/app --serve»', 'CMD «echo $HOME»'));
    assert.match(r[0].finding.message, /ENTRYPOINT \/app --serve… in shell form/);
    assert.equal(r[1].finding.fixes?.length, 0, 'no fix when the shell is needed ($HOME)');
  });
  it('accepts the JSON form and stages with an explicit SHELL', () => {
    expectNone('DS501', lines('FROM alpine:3.20', 'CMD ["/app"]', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'CMD Write-Host hi'));
  });
  it('rewrites a plain command in the JSON form', () => {
    assert.equal(applyFix('DS501', lines('FROM alpine:3.20', 'CMD /app --port 80')), lines('FROM alpine:3.20', 'CMD ["/app", "--port", "80"]'));
  });
});
