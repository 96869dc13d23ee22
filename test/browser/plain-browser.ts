// A page served without cross-origin isolation that imports `scratchnet/browser`
// (src/browser.ts): no Web Workers start, training runs on one thread, and the browser
// helpers work: a digit drawn on a canvas read as canvas, ImageData and PNG Blob, and a
// model saved to a Blob and loaded back.
import { trainFew } from './train-few.js';

/** A 7 drawn in black on a white 60×80 canvas (antialiased strokes give grey levels). */
function drawSeven(): HTMLCanvasElement {
  const canvas = Object.assign(document.createElement('canvas'), { width: 60, height: 80 });
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, 60, 80);
  ctx.strokeStyle = 'black';
  ctx.lineWidth = 7;
  ctx.beginPath();
  ctx.moveTo(12, 14);
  ctx.lineTo(48, 14);
  ctx.lineTo(24, 68);
  ctx.stroke();
  return canvas;
}

try {
  const lib = await import('../../src/browser.js');
  const started = lib.startWebWorkers(2);
  await lib.workersReady();
  const { net, ...trained } = await trainFew(lib);
  const canvas = drawSeven();
  const imageData = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  const png = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  const digits = {
    canvas: [...(await lib.loadDigitImage(canvas, 'float32')).data],
    imageData: [...(await lib.loadDigitImage(imageData, 'float32')).data],
    blob: [...(await lib.loadDigitImage(png, 'float32')).data],
  };
  const x = await lib.loadDigitImage(canvas, 'float32');
  const blob = lib.modelToBlob(net, { dataset: 'mnist' });
  const file = new File([blob], 'seven-net.safetensors');
  const loaded = await lib.loadModel(file);
  const fromBytes = await lib.loadModel(await blob.arrayBuffer());
  let badModel = '';
  await lib.loadModel(new File([new Uint8Array(4)], 'broken.safetensors')).catch((e: Error) => {
    badModel = e.message;
  });
  window.scratchnetResult = {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    sharedArrayBuffer: typeof SharedArrayBuffer,
    started,
    ...trained,
    pixels: { width: imageData.width, height: imageData.height, rgba: [...imageData.data] },
    digits,
    model: [...new Uint8Array(await blob.arrayBuffer())],
    probs: [...lib.predictProba(net, x).data],
    loadedProbs: [...lib.predictProba(loaded, x).data],
    fromBytesProbs: [...lib.predictProba(fromBytes, x).data],
    badModel,
  };
} catch (e) {
  window.scratchnetResult = { error: String(e instanceof Error ? e.stack : e) };
}
