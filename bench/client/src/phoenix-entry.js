// Phoenix's client as an app would ship it: both packages imported and used, so nothing is
// tree-shaken away.
import { Socket } from 'phoenix';
import { LiveSocket } from 'phoenix_live_view';

const liveSocket = new LiveSocket('/live', Socket, { params: {} });
liveSocket.connect();
window.liveSocket = liveSocket;
