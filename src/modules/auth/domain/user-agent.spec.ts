import { describeUserAgent } from './user-agent';

describe('describeUserAgent', () => {
  it('names the browser and the system, never repeats the raw header', () => {
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox sous Linux');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0')).toBe(
      'Edge sous Windows',
    );
    expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe(
      'Safari sous iOS',
    );
    expect(describeUserAgent(null)).toBe('Client inconnu');
    expect(describeUserAgent('node-superagent/3.8.3')).toBe('Client d’API');
  });
});
