/** Request ids are the widget's reference shown to the person; only a short, plain one is logged. */
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * One JSON line per request, for a log pipeline to index. Only these fields, ever: no body, query,
 * token, image, address or anything else a person typed; the route is its pattern, not the path.
 */
export interface RequestLogLine {
  time: string;
  msg: 'request';
  method: string;
  route: string;
  status: number;
  ms: number;
  /** The widget's `X-Request-Id` (the reference a person quotes to support), else one made here. */
  requestId: string;
  instance: string;
}

export function requestId(request: Request, make: () => string): string {
  const given = request.headers.get('x-request-id');
  return given && REQUEST_ID.test(given) ? given : make();
}

export function requestLogLine(fields: Omit<RequestLogLine, 'time' | 'msg'>, at: number): string {
  const line: RequestLogLine = { time: new Date(at).toISOString(), msg: 'request', ...fields };
  return JSON.stringify(line);
}
