// Reads a QR code from the camera: getUserMedia frames drawn on a canvas and decoded by jsQR, because
// Chromium on Linux (and several phone browsers) have no BarcodeDetector. jsQR is loaded only when the
// camera is opened, so the app's first load does not carry it.
let session = null;

function loadDecoder() {
    if (globalThis.jsQR) {
        return Promise.resolve(globalThis.jsQR);
    }
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL('lib/jsqr/jsQR.js', document.baseURI).href;
        script.onload = () => resolve(globalThis.jsQR);
        script.onerror = () => reject(new Error('The QR decoder could not be loaded.'));
        document.head.appendChild(script);
    });
}

export async function start(video, listener) {
    stop();
    const decode = await loadDecoder();
    const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
    });
    video.srcObject = stream;
    video.setAttribute('playsinline', '');
    video.muted = true;
    await video.play();
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const current = { stream, timer: 0, stopped: false };
    session = current;

    const tick = async () => {
        if (current.stopped) {
            return;
        }
        if (video.readyState >= 2 && video.videoWidth > 0) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            context.drawImage(video, 0, 0, canvas.width, canvas.height);
            const image = context.getImageData(0, 0, canvas.width, canvas.height);
            const code = decode(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
            if (code && code.data) {
                stop();
                await listener.invokeMethodAsync('OnQrDecoded', code.data);
                return;
            }
        }
        current.timer = setTimeout(tick, 150);
    };
    current.timer = setTimeout(tick, 0);
}

export function stop() {
    if (!session) {
        return;
    }
    session.stopped = true;
    clearTimeout(session.timer);
    for (const track of session.stream.getTracks()) {
        track.stop();
    }
    session = null;
}
