// The learning-family journey in the simulator, in Vietnamese (see sim-learning.ts).
import { learningJourneyInSimulator } from "./sim-learning.ts";

learningJourneyInSimulator("vi");
