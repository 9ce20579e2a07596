// A minimal Server-Sent Events parser (the WHATWG "event stream" format): fields per line, events
// dispatched at a blank line, comments (": ping") ignored. Fed with decoded text in any chunking.
export type EventHandler = (type: string, data: string) => void;

export function eventStreamParser(onEvent: EventHandler): (chunk: string) => void {
  let buffer = '';
  let type = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    // A trailing \r may be the first half of \r\n: keep it for the next chunk.
    const lines = buffer.split(/\r\n|\r(?!$)|\n/);
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === '') {
        if (data.length) onEvent(type || 'message', data.join('\n'));
        type = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
      // id and retry are not used: every event carries the whole payment, and we pace reconnects ourselves.
    }
  };
}
