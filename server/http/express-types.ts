/**
 * The little of Express this server touches. Colyseus creates the Express app (ws-transport);
 * @types/express is not installed, so these structural types describe what we call.
 */
export interface HttpRequest {
  method: string;
  path: string;
  params: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpResponse {
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
  type(contentType: string): HttpResponse;
  send(body: unknown): HttpResponse;
  setHeader(name: string, value: string): unknown;
  end(body?: unknown): unknown;
  headersSent: boolean;
}

export type HttpHandler = (req: HttpRequest, res: HttpResponse, next: () => void) => unknown;

/** Express tells an error handler from a handler by its four parameters. */
export type HttpErrorHandler = (error: unknown, req: HttpRequest, res: HttpResponse, next: (error?: unknown) => void) => unknown;

export interface HttpApp {
  get(path: string, handler: HttpHandler): unknown;
  use(handler: HttpHandler | HttpErrorHandler): unknown;
  use(path: string, handler: HttpHandler): unknown;
}
