// The official openai npm package, unchanged, pointed at the gateway. Prints one JSON line for the test to read.
// Usage: GATEWAY_URL=http://host:port GATEWAY_KEY=... node client.mjs chat|stream|blocked "text"
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: `${process.env.GATEWAY_URL}/v1`, apiKey: process.env.GATEWAY_KEY, maxRetries: 0 });
const [mode, text] = process.argv.slice(2);
const request = { model: 'qwen2.5:1.5b-instruct', messages: [{ role: 'user', content: text }] };

try {
  if (mode === 'stream') {
    const stream = await client.chat.completions.create({ ...request, stream: true });
    let content = '';
    let finishReason = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      content += chunk.choices[0]?.delta?.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    console.log(JSON.stringify({ content, finishReason, chunks }));
  } else {
    const completion = await client.chat.completions.create(request);
    console.log(JSON.stringify({
      content: completion.choices[0].message.content,
      finishReason: completion.choices[0].finish_reason,
      details: completion.security_proxied_data !== undefined,
    }));
  }
} catch (error) {
  console.log(JSON.stringify({
    error: error.constructor.name,
    isApiError: error instanceof OpenAI.APIError,
    status: error.status ?? null,
    code: error.code ?? null,
    type: error.type ?? null,
  }));
}
