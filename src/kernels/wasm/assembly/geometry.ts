// A convolution's or pooling's geometry as the JS side writes it: ten i32 (see ../../types.ts
// ConvGeometry), read in place: `changetype<Geometry>(address)`.

@unmanaged
export class Geometry {
  n: i32;
  c: i32;
  h: i32;
  w: i32;
  fh: i32;
  fw: i32;
  stride: i32;
  pad: i32;
  outH: i32;
  outW: i32;
}
