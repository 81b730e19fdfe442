// Just enough of a DOM for react-dom/client to mount components that render no elements of their
// own (they return null or other components), so hooks can be rendered and their renders counted
// in plain Node. Not a general DOM: anything that creates real elements will fail loudly.
/* eslint-disable @typescript-eslint/no-explicit-any */
class FakeNode {
  childNodes: any[] = [];
  nodeType = 1;
  nodeName = 'DIV';
  ownerDocument: any = null;
  parentNode: any = null;
  style: Record<string, string> = {};
  get tagName() {
    return this.nodeName;
  }
  appendChild(child: any) {
    this.childNodes.push(child);
    child.parentNode = this;
    return child;
  }
  insertBefore(child: any) {
    return this.appendChild(child);
  }
  removeChild(child: any) {
    this.childNodes = this.childNodes.filter((c) => c !== child);
    return child;
  }
  get firstChild() {
    return this.childNodes[0] ?? null;
  }
  addEventListener() {}
  removeEventListener() {}
  setAttribute() {}
  removeAttribute() {}
}

/** Installs the fake document on globalThis and returns a container to render into. */
export function installFakeDom(): any {
  const doc: any = new FakeNode();
  doc.nodeType = 9;
  doc.ownerDocument = doc;
  doc.activeElement = null;
  doc.defaultView = globalThis;
  doc.createElement = (tag: string) => {
    const n: any = new FakeNode();
    n.nodeName = tag.toUpperCase();
    n.ownerDocument = doc;
    return n;
  };
  doc.createTextNode = (text: string) => ({ nodeType: 3, nodeValue: text, ownerDocument: doc });
  const g = globalThis as any;
  g.document = doc;
  g.window = globalThis;
  g.HTMLIFrameElement = class {};
  g.IS_REACT_ACT_ENVIRONMENT = true;
  return doc.createElement('div');
}
